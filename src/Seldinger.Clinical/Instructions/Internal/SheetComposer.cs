using System.Globalization;
using System.Text.RegularExpressions;
using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Planning;

namespace Seldinger.Clinical.Instructions.Internal;

// Builds one sheet: picks the texts that apply to this child and booking and fills their placeholders.
internal sealed partial class SheetComposer
{
    private readonly InstructionLanguageFile texts;
    private readonly FamilyTexts family;
    private readonly InstructionRulesFile rules;
    private readonly FamilyRule familyRule;
    private readonly PreProcedureRules fastingRules;
    private readonly Episode episode;
    private readonly ProcedureDefinition procedure;
    private readonly InstructionOptions options;
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public SheetComposer(
        InstructionLanguageFile texts,
        FamilyTexts family,
        InstructionRulesFile rules,
        FamilyRule familyRule,
        PreProcedureRules fastingRules,
        Episode episode,
        ProcedureDefinition procedure,
        InstructionOptions options)
    {
        this.texts = texts;
        this.family = family;
        this.rules = rules;
        this.familyRule = familyRule;
        this.fastingRules = fastingRules;
        this.episode = episode;
        this.procedure = procedure;
        this.options = options;

        var patient = episode.Patient;
        var words = patient.Sex == AdministrativeSex.Female ? texts.ChildWords.Female : texts.ChildWords.Other;
        values["yourChild"] = words[0];
        values["YourChild"] = words[1];
        values["childName"] = string.IsNullOrWhiteSpace(patient.GivenName) ? words[1] : patient.GivenName.Trim();
        values["procedureName"] = texts.Procedures[procedure.Id];
        values["serviceName"] = string.IsNullOrWhiteSpace(options.ServiceName) ? texts.ServiceName : options.ServiceName.Trim();
        values["servicePhone"] = options.ServicePhone.Trim();
        values["duration"] = family.Duration;
        values["feverThreshold"] = FamilyInstructions.FormatNumber(rules.FeverThresholdC.Value, texts) + " °C";
        values["paracetamolHours"] = rules.Paracetamol.EveryHours.ToString(CultureInfo.InvariantCulture);
        values["paracetamolMaxDoses"] = (rules.Paracetamol.MaxDosesPerDay ?? 4).ToString(CultureInfo.InvariantCulture);
        values["ibuprofenHours"] = rules.Ibuprofen.EveryHours.ToString(CultureInfo.InvariantCulture);
        values["holdIbuprofenDays"] = familyRule.HoldIbuprofenDays.ToString(CultureInfo.InvariantCulture);
    }

    public InstructionSheet Before(FamilyLanguage language)
    {
        var sedation = FamilyInstructions.PlannedSedation(episode)
            ?? throw new ClinicalValidationException("plannedSedation", "Plan the sedation before sending the family sheet: the fasting times depend on it.");
        var sections = new List<InstructionSection>
        {
            Section("about", family.About, texts.Common.HowLong),
            Section("when", When()),
            Section("fasting", Fasting(sedation)),
            Section("sedation", SedationTexts(sedation)),
            Section("bring", texts.Common.Bring, family.Bring),
            Section("day", texts.Common.Day, family.Day),
            Section("questions", texts.Common.Questions),
        };
        return new InstructionSheet(Fill(texts.Titles.Before), language, InstructionPhase.Before, sections.Where(s => s.Paragraphs.Count > 0).ToList().AsReadOnly());
    }

    public InstructionSheet After(FamilyLanguage language)
    {
        var sedation = episode.Procedure?.SedationGiven ?? FamilyInstructions.PlannedSedation(episode);
        var sedated = sedation is { } s && s != SedationLevel.None;
        var sections = new List<InstructionSection>
        {
            Section("feel", sedated ? texts.Common.SedationAfter : [], family.Feel),
            new(Fill(family.CareHeading), FillAll(family.Care)),
            Section("activity", family.Activity),
            Section("pain", Pain()),
            Section("call", texts.Common.Call, family.Call, texts.Common.CallEnd),
            Section("next", family.Next),
        };
        return new InstructionSheet(Fill(texts.Titles.After), language, InstructionPhase.After, sections.Where(s => s.Paragraphs.Count > 0).ToList().AsReadOnly());
    }

    private IEnumerable<string> When()
    {
        if (episode.Appointment is not { } appointment)
        {
            return texts.Common.WhenNotBooked;
        }

        var arrivalMinutes = options.ArrivalMinutesBefore ?? rules.ArrivalMinutesBefore.Value;
        values["appointmentTime"] = DateTime(appointment.Start);
        values["arrivalTime"] = Time(appointment.Start.AddMinutes(-arrivalMinutes));
        return texts.Common.When;
    }

    private IEnumerable<string> Fasting(SedationLevel sedation)
    {
        var start = episode.Appointment?.Start;
        var schedule = FastingSchedule.For(start ?? DateTimeOffset.UnixEpoch, sedation, fastingRules);
        if (!schedule.Required)
        {
            return texts.Common.NoFasting;
        }

        if (start is null)
        {
            return texts.Common.FastingNotBooked;
        }

        var latest = schedule.LatestIntake;
        SetLatest("fattyFoodUntil", latest, IntakeKind.FattyMeal);
        SetLatest("fastingSolidsUntil", latest, IntakeKind.LightMeal, IntakeKind.InfantFormula, IntakeKind.NonHumanMilk);
        SetLatest("clearLiquidsUntil", latest, IntakeKind.ClearLiquid);
        SetLatest("breastMilkUntil", latest, IntakeKind.BreastMilk);

        // Breast milk matters to babies and toddlers only; older children's sheets stay shorter.
        var breastfedAge = episode.Patient.AgeMonthsOn(DateOnly.FromDateTime(start.Value.UtcDateTime)) < 24;
        var lines = texts.Common.Fasting.ToList();
        if (breastfedAge)
        {
            lines.InsertRange(2, texts.Common.FastingBreastMilk);
        }

        // A line whose time the rules do not give (a kind the site left out) is dropped rather than guessed.
        return lines.Where(l => Placeholders(l).All(values.ContainsKey));
    }

    private void SetLatest(string key, IReadOnlyDictionary<IntakeKind, DateTimeOffset> latest, params IntakeKind[] kinds)
    {
        var times = kinds.Where(latest.ContainsKey).Select(k => latest[k]).ToList();
        if (times.Count > 0)
        {
            values[key] = DateTime(times.Min());
        }
    }

    private IReadOnlyList<string> SedationTexts(SedationLevel sedation) => sedation switch
    {
        SedationLevel.None => texts.Common.Sedation.None,
        SedationLevel.Minimal => texts.Common.Sedation.Minimal,
        SedationLevel.Moderate => texts.Common.Sedation.Moderate,
        SedationLevel.Deep => texts.Common.Sedation.Deep,
        _ => texts.Common.Sedation.GeneralAnaesthesia,
    };

    private IEnumerable<string> Pain()
    {
        var weight = WeightKg();
        if (weight is not { } kg)
        {
            return texts.Common.PainNoWeight;
        }

        values["paracetamolDose"] = Dose(kg, rules.Paracetamol);
        var lines = new List<string>(texts.Common.PainWithWeight);
        var ageMonths = episode.Patient.AgeMonthsOn(DateOnly.FromDateTime((episode.Procedure?.EndedAt ?? episode.Appointment?.Start ?? DateTimeOffset.UtcNow).UtcDateTime));
        if (familyRule.HoldIbuprofenDays > 0)
        {
            lines.AddRange(texts.Common.PainHoldIbuprofen);
        }
        else if (ageMonths >= (rules.Ibuprofen.MinimumAgeMonths ?? 0))
        {
            values["ibuprofenDose"] = Dose(kg, rules.Ibuprofen);
            lines.AddRange(texts.Common.PainIbuprofen);
        }

        lines.AddRange(texts.Common.PainBottle);
        return lines;
    }

    private double? WeightKg()
    {
        if (episode.Procedure?.WeightKg is > 0 and var recorded)
        {
            return recorded;
        }

        return episode.Patient.Measurements.Where(m => m.WeightKg > 0).MaxBy(m => m.MeasuredAt)?.WeightKg;
    }

    private static string Dose(double kg, AnalgesicRule rule) =>
        Math.Round(Math.Min(kg * rule.MgPerKg, rule.MaxSingleDoseMg), MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    private string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, options.TimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private string DateTime(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, options.TimeZone);
        return texts.DateTimePattern
            .Replace("{time}", local.ToString("HH:mm", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{day}", texts.Days[(int)local.DayOfWeek], StringComparison.Ordinal);
    }

    private InstructionSection Section(string headingKey, params IEnumerable<string>[] parts) =>
        new(Fill(texts.Headings[headingKey]), FillAll(parts.SelectMany(p => p)));

    private System.Collections.ObjectModel.ReadOnlyCollection<string> FillAll(IEnumerable<string> lines) => lines.Select(Fill).ToList().AsReadOnly();

    private string Fill(string text) => PlaceholderPattern().Replace(text, m =>
        values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"Instruction text for '{procedure.Id}' ({texts.Language}) uses the unknown placeholder {m.Value}: \"{text}\"."));

    private static IEnumerable<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{(\w+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
