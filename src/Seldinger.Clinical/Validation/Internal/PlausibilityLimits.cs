using System.Text.Json;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Validation.Internal;

// The physically possible ranges of Data/weight-plausibility.json and Data/vital-sign-ranges.json, read once.
internal sealed class PlausibilityLimits
{
    private static readonly Lazy<PlausibilityLimits> DefaultLimits = new(Read);

    private PlausibilityLimits(List<WeightBand> bands, Dictionary<string, Range> ranges, int clockSkewMinutes)
    {
        Bands = bands;
        Ranges = ranges;
        ClockSkew = TimeSpan.FromMinutes(clockSkewMinutes);
    }

    public static PlausibilityLimits Default => DefaultLimits.Value;

    public List<WeightBand> Bands { get; }

    // Keyed "vitals.heartRate", "labs.inr", "procedure.contrastMl".
    public Dictionary<string, Range> Ranges { get; }

    public TimeSpan ClockSkew { get; }

    public WeightBand BandFor(int ageMonths) =>
        Bands.FirstOrDefault(b => ageMonths >= b.FromMonths && ageMonths < b.ToMonths) ?? Bands[^1];

    private static PlausibilityLimits Read()
    {
        using var weights = Document("weight-plausibility.json");
        var bands = weights.RootElement.GetProperty("bands").EnumerateArray().Select(b => new WeightBand(
            b.GetProperty("fromMonths").GetInt32(), b.GetProperty("toMonths").GetInt32(),
            b.GetProperty("minKg").GetDouble(), b.GetProperty("maxKg").GetDouble(),
            b.GetProperty("minCm").GetDouble(), b.GetProperty("maxCm").GetDouble())).ToList();
        using var ranges = Document("vital-sign-ranges.json");
        var map = new Dictionary<string, Range>(StringComparer.Ordinal);
        foreach (var section in new[] { "vitals", "labs", "procedure" })
        {
            foreach (var p in ranges.RootElement.GetProperty(section).EnumerateObject())
            {
                map[$"{section}.{p.Name}"] = new Range(p.Value.GetProperty("min").GetDouble(), p.Value.GetProperty("max").GetDouble(), p.Value.GetProperty("unit").GetString() ?? "");
            }
        }

        return new PlausibilityLimits(bands, map, ranges.RootElement.GetProperty("clockSkewMinutes").GetProperty("value").GetInt32());
    }

    private static JsonDocument Document(string name)
    {
        return JsonDocument.Parse(RulesJson.ReadEmbedded(name));
    }

    internal sealed record WeightBand(int FromMonths, int ToMonths, double MinKg, double MaxKg, double MinCm, double MaxCm);

    internal sealed record Range(double Min, double Max, string Unit);
}
