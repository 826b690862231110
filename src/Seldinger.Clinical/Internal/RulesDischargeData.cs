using System.Text.Json.Serialization;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Preparation;
using Seldinger.Planning;

namespace Seldinger.Clinical.Internal;

// The shape of Data/discharge-criteria.json; validated before use.
internal sealed class RulesDischargeData
{
    public const int SupportedVersion = 1;

    [JsonRequired] public int Version { get; set; }

    public string Description { get; set; } = "";

    [JsonRequired] public Dictionary<string, string> Sources { get; set; } = [];

    [JsonRequired] public RulesVitals Vitals { get; set; } = new();

    [JsonRequired] public RulesRecoveryState Recovery { get; set; } = new();

    [JsonRequired] public RulesObservation Observation { get; set; } = new();

    [JsonRequired] public RulesAdverseEvents AdverseEvents { get; set; } = new();

    [JsonRequired] public RulesAldrete Aldrete { get; set; } = new();

    public void Validate(string sourceName)
    {
        var v = new RulesValidator(sourceName, Sources);
        v.Require(Version == SupportedVersion, "file", "version", $"{Version} is not supported (this build reads {SupportedVersion})");
        RulesRule.Check(v, "vitals", Vitals);
        v.Range(Vitals.HeartRateTolerancePercent, 0, 100, "vitals", "heartRateTolerancePercent", "%");
        v.Range(Vitals.RespiratoryRateTolerancePercent, 0, 100, "vitals", "respiratoryRateTolerancePercent", "%");
        v.Range(Vitals.MinSpO2, 70, 100, "vitals", "minSpO2", "%");
        v.Source(Vitals.AgeNormalSource, "vitals", "ageNormalSource");
        v.Require(Vitals.AgeNormal.Count > 0, "vitals", "ageNormal", "must list at least one age band");
        for (var i = 0; i < Vitals.AgeNormal.Count; i++)
        {
            var band = Vitals.AgeNormal[i];
            var rule = $"vitals.ageNormal[{i}]";
            v.Require(band.FromMonths >= 0 && band.ToMonths > band.FromMonths, rule, "toMonths", "the band must end after it starts");
            v.Require(i == 0 || band.FromMonths == Vitals.AgeNormal[i - 1].ToMonths, rule, "fromMonths", "bands must follow each other without gaps");
            v.Require(band.HeartRate.Count == 2 && band.HeartRate[0] > 0 && band.HeartRate[1] > band.HeartRate[0], rule, "heartRate", "must be [low, high] with low < high");
            v.Require(band.RespiratoryRate.Count == 2 && band.RespiratoryRate[0] > 0 && band.RespiratoryRate[1] > band.RespiratoryRate[0], rule, "respiratoryRate", "must be [low, high] with low < high");
        }

        RulesRule.Check(v, "recovery", Recovery);
        v.Range(Recovery.MaxPain, 0, 10, "recovery", "maxPain", "");
        RulesRule.Check(v, "observation", Observation);
        foreach (var (key, minutes) in Observation.BySedation)
        {
            v.Range(minutes, 0, 24 * 60, "observation", $"bySedation.{RulesText.Camel(key)}", "min");
        }

        foreach (var level in Enum.GetValues<SedationLevel>())
        {
            v.Require(Observation.BySedation.ContainsKey(level), "observation", "bySedation", $"the minutes for '{RulesText.Camel(level)}' are missing");
        }

        foreach (var (key, minutes) in Observation.ByBleedingRisk)
        {
            v.Range(minutes, 0, 24 * 60, "observation", $"byBleedingRisk.{RulesText.Camel(key)}", "min");
        }

        for (var i = 0; i < Observation.ByProcedure.Count; i++)
        {
            var p = Observation.ByProcedure[i];
            var rule = $"observation.byProcedure[{i}]";
            v.Text(p.ProcedureId, rule, "procedureId");
            v.Range(p.Minutes, 0, 24 * 60, rule, "minutes", "min");
            v.Source(p.Source, rule);
        }

        RulesRule.Check(v, "adverseEvents", AdverseEvents);
        RulesRule.Check(v, "aldrete", Aldrete);
        v.Range(Aldrete.MinScore, 0, 10, "aldrete", "minScore", "");
        v.Range(Aldrete.BloodPressureTolerancePercent, 0, 100, "aldrete", "bloodPressureTolerancePercent", "%");
        v.ThrowIfAny();
    }
}

internal sealed class RulesVitals : RulesRule
{
    [JsonRequired] public double HeartRateTolerancePercent { get; set; }

    [JsonRequired] public double RespiratoryRateTolerancePercent { get; set; }

    [JsonRequired] public double MinSpO2 { get; set; }

    [JsonRequired] public string AgeNormalSource { get; set; } = "";

    [JsonRequired] public List<RulesAgeBand> AgeNormal { get; set; } = [];

    public RulesAgeBand? Band(int ageMonths) => AgeNormal.FirstOrDefault(b => ageMonths >= b.FromMonths && ageMonths < b.ToMonths) ?? AgeNormal.LastOrDefault();
}

internal sealed class RulesAgeBand
{
    [JsonRequired] public int FromMonths { get; set; }

    [JsonRequired] public int ToMonths { get; set; }

    [JsonRequired] public List<int> HeartRate { get; set; } = [];

    [JsonRequired] public List<int> RespiratoryRate { get; set; } = [];
}

internal sealed class RulesRecoveryState : RulesRule
{
    [JsonRequired] public int MaxPain { get; set; }

    [JsonRequired] public SedationLevel FluidsRequiredFromSedation { get; set; }
}

internal sealed class RulesObservation : RulesRule
{
    [JsonRequired] public Dictionary<SedationLevel, double> BySedation { get; set; } = [];

    [JsonRequired] public Dictionary<BleedingRiskClass, double> ByBleedingRisk { get; set; } = [];

    public List<RulesProcedureObservation> ByProcedure { get; set; } = [];
}

internal sealed class RulesProcedureObservation
{
    [JsonRequired] public string ProcedureId { get; set; } = "";

    [JsonRequired] public double Minutes { get; set; }

    [JsonRequired] public string Source { get; set; } = "";

    public bool Verify { get; set; }

    public string Note { get; set; } = "";
}

internal sealed class RulesAdverseEvents : RulesRule
{
    [JsonRequired] public SirSeverity AdmissionFromSir { get; set; }
}

internal sealed class RulesAldrete : RulesRule
{
    [JsonRequired] public int MinScore { get; set; }

    [JsonRequired] public double BloodPressureTolerancePercent { get; set; }
}
