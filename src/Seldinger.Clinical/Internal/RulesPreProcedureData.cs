using System.Text.Json.Serialization;
using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Preparation;
using Seldinger.Planning;

namespace Seldinger.Clinical.Internal;

// The shape of Data/preprocedure-rules.json. Properties are settable for the serializer; the
// validator below checks every value before the checklist uses it.
internal sealed class RulesPreProcedureData
{
    [JsonRequired] public int Version { get; set; }

    public string Description { get; set; } = "";

    [JsonRequired] public Dictionary<string, string> Sources { get; set; } = [];

    [JsonRequired] public RulesLabs Labs { get; set; } = new();

    [JsonRequired] public RulesAnticoagulants Anticoagulants { get; set; } = new();

    [JsonRequired] public RulesFasting Fasting { get; set; } = new();

    [JsonRequired] public RulesConsent Consent { get; set; } = new();

    [JsonRequired] public RulesAsa Asa { get; set; } = new();

    [JsonRequired] public RulesPregnancy Pregnancy { get; set; } = new();

    [JsonRequired] public RulesAllergy Allergy { get; set; } = new();

    [JsonRequired] public RulesWeight Weight { get; set; } = new();

    [JsonRequired] public RulesInstructions Instructions { get; set; } = new();

    public const int SupportedVersion = 1;

    public void Validate(string sourceName)
    {
        var v = new RulesValidator(sourceName, Sources);
        v.Require(Version == SupportedVersion, "file", "version", $"{Version} is not supported (this build reads {SupportedVersion})");
        foreach (var (key, text) in Sources)
        {
            v.Text(text, "sources", key);
        }

        Labs.Validate(v);
        Anticoagulants.Validate(v);
        Fasting.Validate(v);
        RulesRule.Check(v, "consent", Consent);
        v.Range(Consent.AdultAge, 14, 21, "consent", "adultAge", "years");
        v.Range(Consent.AssentFromAge, 0, 18, "consent", "assentFromAge", "years");
        v.Require(Consent.MissingAssentStatus is ChecklistItemStatus.Warning or ChecklistItemStatus.Pending, "consent", "missingAssentStatus",
            "must be \"warning\" or \"pending\"");
        RulesRule.Check(v, "asa", Asa);
        RulesRule.Check(v, "pregnancy", Pregnancy);
        v.Range(Pregnancy.FromAge, 0, 18, "pregnancy", "fromAge", "years");
        v.Range(Pregnancy.HcgMaxAgeHours, 0, 24 * 30, "pregnancy", "hcgMaxAgeHours", "h");
        RulesRule.Check(v, "allergy", Allergy);
        v.Text(Allergy.LatexTitle, "allergy", "latexTitle");
        v.Source(Allergy.LatexSource, "allergy", "latexSource");
        RulesRule.Check(v, "weight", Weight);
        v.Range(Weight.MaxAgeDays, 0, 365, "weight", "maxAgeDays", "days");
        RulesRule.Check(v, "instructions", Instructions);
        v.ThrowIfAny();
    }
}

// What every rule of the file has: a title, a source key, whether a clinician must confirm its values.
internal class RulesRule
{
    [JsonRequired] public string Title { get; set; } = "";

    [JsonRequired] public string Source { get; set; } = "";

    public bool Verify { get; set; }

    public string Note { get; set; } = "";

    public static void Check(RulesValidator v, string rule, RulesRule value)
    {
        v.Text(value.Title, rule, "title");
        v.Source(value.Source, rule);
    }
}

internal sealed class RulesLabs : RulesRule
{
    // The short name of the guideline in messages ("SIR 2019").
    [JsonRequired] public string Label { get; set; } = "";

    [JsonRequired] public int MaxAgeDays { get; set; }

    [JsonRequired] public RulesLabThresholds High { get; set; } = new();

    [JsonRequired] public RulesLabThresholds Low { get; set; } = new();

    public string PediatricSource { get; set; } = "";

    // Stricter (or looser) limits for one catalogue procedure, e.g. arterial access in angiography.
    public List<RulesLabOverride> ProcedureOverrides { get; set; } = [];

    public RulesLabThresholds For(BleedingRiskClass risk) => risk == BleedingRiskClass.High ? High : Low;

    public RulesLabOverride? Override(string procedureId) =>
        ProcedureOverrides.FirstOrDefault(o => string.Equals(o.ProcedureId, procedureId, StringComparison.Ordinal));

    public void Validate(RulesValidator v)
    {
        Check(v, "labs", this);
        v.Text(Label, "labs", "label");
        v.Range(MaxAgeDays, 0, 365, "labs", "maxAgeDays", "days");
        if (PediatricSource.Length > 0)
        {
            v.Source(PediatricSource, "labs", "pediatricSource");
        }

        High.Validate(v, "labs.high");
        Low.Validate(v, "labs.low");
        for (var i = 0; i < ProcedureOverrides.Count; i++)
        {
            var o = ProcedureOverrides[i];
            var rule = $"labs.procedureOverrides[{i}]";
            v.Text(o.ProcedureId, rule, "procedureId");
            v.Require(o.MaxInr is not null || o.MinPlatelets is not null, rule, "maxInr", "give maxInr, minPlatelets or both");
            if (o.MaxInr is { } inr)
            {
                v.Range(inr, 1.0, 5.0, rule, "maxInr", "");
            }

            if (o.MinPlatelets is { } platelets)
            {
                v.Range(platelets, 0, 500, rule, "minPlatelets", "×10⁹/L");
            }

            v.Source(o.Source, rule);
        }
    }
}

internal sealed class RulesLabOverride
{
    [JsonRequired] public string ProcedureId { get; set; } = "";

    public double? MaxInr { get; set; }

    public double? MinPlatelets { get; set; }

    [JsonRequired] public string Source { get; set; } = "";

    public bool Verify { get; set; }

    public string Note { get; set; } = "";
}

internal sealed class RulesLabThresholds
{
    [JsonRequired] public bool Routine { get; set; }

    [JsonRequired] public double MaxInr { get; set; }

    [JsonRequired] public double MinPlatelets { get; set; }

    // Anticoagulant entry ids (see "anticoagulants") that make the labs necessary when not routine.
    public List<string> RequiredWithDrugs { get; set; } = [];

    public bool Verify { get; set; }

    public string Note { get; set; } = "";

    public void Validate(RulesValidator v, string rule)
    {
        v.Range(MaxInr, 1.0, 5.0, rule, "maxInr", "");
        v.Range(MinPlatelets, 0, 500, rule, "minPlatelets", "×10⁹/L");
    }
}

internal sealed class RulesAnticoagulants : RulesRule
{
    [JsonRequired] public List<RulesDrugHold> Drugs { get; set; } = [];

    public void Validate(RulesValidator v)
    {
        Check(v, "anticoagulants", this);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Drugs.Count; i++)
        {
            var d = Drugs[i];
            var rule = $"anticoagulants.drugs[{i}]";
            v.Text(d.Id, rule, "id");
            v.Require(ids.Add(d.Id), rule, "id", $"'{d.Id}' appears twice");
            v.Text(d.Display, rule, "display");
            v.Require(d.Names.Count > 0 && d.Names.All(n => n.Length > 0 && string.Equals(n, n.Trim().ToLowerInvariant(), StringComparison.Ordinal)), rule, "names",
                "must list at least one generic name, lower case");
            v.Range(d.HoldHoursLowRisk, 0, 24 * 14, rule, "holdHoursLowRisk", "h");
            v.Range(d.HoldHoursHighRisk, 0, 24 * 14, rule, "holdHoursHighRisk", "h");
            v.Source(d.Source, rule);
        }
    }

    // The first entry whose names contain the drug and, when it lists keywords, whose keyword is in the dose text.
    public RulesDrugHold? Match(MedicationRecord medication)
    {
        var name = medication.Drug.Trim().ToLowerInvariant();
        return Drugs.FirstOrDefault(d => d.Names.Contains(name, StringComparer.Ordinal)
            && (d.DoseContains.Count == 0 || d.DoseContains.Any(k => medication.Dose.Contains(k, StringComparison.OrdinalIgnoreCase))));
    }
}

internal sealed class RulesDrugHold
{
    [JsonRequired] public string Id { get; set; } = "";

    [JsonRequired] public string Display { get; set; } = "";

    [JsonRequired] public List<string> Names { get; set; } = [];

    public List<string> DoseContains { get; set; } = [];

    [JsonRequired] public double HoldHoursLowRisk { get; set; }

    [JsonRequired] public double HoldHoursHighRisk { get; set; }

    [JsonRequired] public string Source { get; set; } = "";

    public bool Verify { get; set; }

    public string Note { get; set; } = "";

    public double HoldHours(BleedingRiskClass risk) => risk == BleedingRiskClass.Low ? HoldHoursLowRisk : HoldHoursHighRisk;
}

internal sealed class RulesFasting : RulesRule
{
    [JsonRequired] public SedationLevel AppliesFrom { get; set; }

    [JsonRequired] public Dictionary<IntakeKind, double> Hours { get; set; } = [];

    public void Validate(RulesValidator v)
    {
        Check(v, "fasting", this);
        foreach (var kind in Enum.GetValues<IntakeKind>())
        {
            v.Require(Hours.ContainsKey(kind), "fasting", "hours", $"the hours for '{RulesText.Camel(kind)}' are missing");
        }

        foreach (var (kind, hours) in Hours)
        {
            v.Range(hours, 0, 24, "fasting", $"hours.{RulesText.Camel(kind)}", "h");
        }
    }
}

internal sealed class RulesConsent : RulesRule
{
    [JsonRequired] public int AdultAge { get; set; }

    [JsonRequired] public int AssentFromAge { get; set; }

    [JsonRequired] public SedationLevel SedationConsentFrom { get; set; }

    [JsonRequired] public ChecklistItemStatus MissingAssentStatus { get; set; }

    public string AssentSource { get; set; } = "";
}

internal sealed class RulesAsa : RulesRule
{
    [JsonRequired] public AsaClass ReviewFromAsa { get; set; }

    [JsonRequired] public SedationLevel ReviewSedation { get; set; }
}

internal sealed class RulesPregnancy : RulesRule
{
    [JsonRequired] public int FromAge { get; set; }

    [JsonRequired] public SedationLevel SedationFrom { get; set; }

    [JsonRequired] public List<GuidanceModality> IonisingGuidance { get; set; } = [];

    // A laboratory hCG result counts as the screen when taken at most this long before the planned start.
    [JsonRequired] public double HcgMaxAgeHours { get; set; }
}

internal sealed class RulesAllergy : RulesRule
{
    [JsonRequired] public List<GuidanceModality> ContrastGuidance { get; set; } = [];

    public string LatexTitle { get; set; } = "Latex allergy";

    [JsonRequired] public string LatexSource { get; set; } = "";
}

internal sealed class RulesWeight : RulesRule
{
    [JsonRequired] public int MaxAgeDays { get; set; }
}

internal sealed class RulesInstructions : RulesRule;
