using System.Text.Json.Serialization;

namespace Seldinger.Clinical.Internal;

// The shape of Data/sedation-drugs.json; validated before use.
internal sealed class RulesSedationData
{
    public const int SupportedVersion = 1;

    [JsonRequired] public int Version { get; set; }

    public string Description { get; set; } = "";

    [JsonRequired] public Dictionary<string, string> Sources { get; set; } = [];

    [JsonRequired] public string Title { get; set; } = "";

    [JsonRequired] public List<RulesSedationDrug> Drugs { get; set; } = [];

    public void Validate(string sourceName)
    {
        var v = new RulesValidator(sourceName, Sources);
        v.Require(Version == SupportedVersion, "file", "version", $"{Version} is not supported (this build reads {SupportedVersion})");
        v.Text(Title, "file", "title");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var routes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Drugs.Count; i++)
        {
            var d = Drugs[i];
            var rule = $"drugs[{i}]";
            v.Text(d.Id, rule, "id");
            v.Require(ids.Add(d.Id), rule, "id", $"'{d.Id}' appears twice");
            v.Require(d.Drug.Length > 0 && string.Equals(d.Drug, d.Drug.Trim().ToLowerInvariant(), StringComparison.Ordinal), rule, "drug", "must be a generic name in lower case");
            v.Text(d.Display, rule, "display");
            v.Require(d.Routes.Count > 0 && d.Routes.All(r => r.Length > 0 && string.Equals(r, r.ToLowerInvariant(), StringComparison.Ordinal)), rule, "routes", "must list at least one route in lower case");
            foreach (var route in d.Routes)
            {
                v.Require(routes.Add($"{d.Drug}/{route}"), rule, "routes", $"{d.Drug} by '{route}' is already limited by another entry");
            }

            v.Range(d.MaxSingleDoseMgPerKg, 0.0001, 50, rule, "maxSingleDoseMgPerKg", "mg/kg");
            v.Range(d.MaxTotalMgPerKg, 0.0001, 100, rule, "maxTotalMgPerKg", "mg/kg");
            v.Require(d.MaxTotalMgPerKg >= d.MaxSingleDoseMgPerKg, rule, "maxTotalMgPerKg", "must be at least maxSingleDoseMgPerKg");
            v.Range(d.AbsoluteMaxMg, 0.001, 5000, rule, "absoluteMaxMg", "mg");
            v.Source(d.Source, rule);
        }

        v.ThrowIfAny();
    }
}

internal sealed class RulesSedationDrug
{
    [JsonRequired] public string Id { get; set; } = "";

    [JsonRequired] public string Drug { get; set; } = "";

    [JsonRequired] public string Display { get; set; } = "";

    [JsonRequired] public List<string> Routes { get; set; } = [];

    [JsonRequired] public double MaxSingleDoseMgPerKg { get; set; }

    [JsonRequired] public double MaxTotalMgPerKg { get; set; }

    [JsonRequired] public double AbsoluteMaxMg { get; set; }

    [JsonRequired] public string Source { get; set; } = "";

    public bool Verify { get; set; }

    public string Note { get; set; } = "";
}
