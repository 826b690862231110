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
    private readonly InstructionLanguageFile _texts;
    private readonly FamilyTexts _family;
    private readonly InstructionRulesFile _rules;
    private readonly FamilyRule _familyRule;
    private readonly PreProcedureRules _fastingRules;
    private readonly Episode _episode;
    private readonly ProcedureDefinition _procedure;
    private readonly InstructionOptions _options;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

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
        _texts = texts;
        _family = family;
        _rules = rules;
        _familyRule = familyRule;
        _fastingRules = fastingRules;
        _episode = episode;
        _procedure = procedure;
        _options = options;

        var patient = episode.Patient;
        var words = patient.Sex == AdministrativeSex.Female ? texts.ChildWords.Female : texts.ChildWords.Other;
        _values["yourChild"] = words[0];
        _values["YourChild"] = words[1];
        _values["childName"] = string.IsNullOrWhiteSpace(patient.GivenName) ? words[1] : patient.GivenName.Trim();
        _values["procedureName"] = texts.Procedures[procedure.Id];
        _values["serviceName"] = string.IsNullOrWhiteSpace(options.ServiceName) ? texts.ServiceName : options.ServiceName.Trim();
        _values["servicePhone"] = options.ServicePhone.Trim();
        _values["duration"] = family.Duration;
        _values["feverThreshold"] = FamilyInstructions.FormatNumber(rules.FeverThresholdC.Value, texts) + " °C";
        _values["paracetamolHours"] = rules.Paracetamol.EveryHours.ToString(CultureInfo.InvariantCulture);
        _values["paracetamolMaxDoses"] = rules.Paracetamol.MaxDosesPerDay.ToString(CultureInfo.InvariantCulture);
        _values["ibuprofenHours"] = rules.Ibuprofen.EveryHours.ToString(CultureInfo.InvariantCulture);
        _values["holdIbuprofenDays"] = familyRule.HoldIbuprofenDays.ToString(CultureInfo.InvariantCulture);
    }

    public InstructionSheet Before(FamilyLanguage language)
    {
        var sedation = FamilyInstructions.PlannedSedation(_episode)
            ?? throw new ClinicalValidationException("plannedSedation", "Plan the sedation before sending the family sheet: the fasting times depend on it.");
        var sections = new List<InstructionSection>
        {
            Section("about", _family.About, _texts.Common.HowLong),
            Section("when", When()),
            Section("fasting", Fasting(sedation)),
            Section("sedation", SedationTexts(sedation)),
            Section("bring", _texts.Common.Bring, _family.Bring),
            Section("day", _texts.Common.Day, _family.Day),
            Section("questions", _texts.Common.Questions),
        };
        return new InstructionSheet(Fill(_texts.Titles.Before), language, InstructionPhase.Before, sections.Where(s => s.Paragraphs.Count > 0).ToList().AsReadOnly());
    }

    public InstructionSheet After(FamilyLanguage language)
    {
        var sedation = _episode.Procedure?.SedationGiven ?? FamilyInstructions.PlannedSedation(_episode);
        var sedated = sedation is { } s && s != SedationLevel.None;
        var sections = new List<InstructionSection>
        {
            Section("feel", sedated ? _texts.Common.SedationAfter : [], _family.Feel),
            new(Fill(_family.CareHeading), FillAll(_family.Care)),
            Section("activity", _family.Activity),
            Section("pain", Pain()),
            Section("call", _texts.Common.Call, _family.Call, _texts.Common.CallEnd),
            Section("next", _family.Next),
        };
        return new InstructionSheet(Fill(_texts.Titles.After), language, InstructionPhase.After, sections.Where(s => s.Paragraphs.Count > 0).ToList().AsReadOnly());
    }

    private IEnumerable<string> When()
    {
        if (_episode.Appointment is not { } appointment)
        {
            return _texts.Common.WhenNotBooked;
        }

        var arrivalMinutes = _options.ArrivalMinutesBefore ?? _rules.ArrivalMinutesBefore.Value;
        _values["appointmentTime"] = DateTime(appointment.Start);
        _values["arrivalTime"] = Time(appointment.Start.AddMinutes(-arrivalMinutes));
        return _texts.Common.When;
    }

    private IEnumerable<string> Fasting(SedationLevel sedation)
    {
        var start = _episode.Appointment?.Start;
        var schedule = FastingSchedule.For(start ?? DateTimeOffset.UnixEpoch, sedation, _fastingRules);
        if (!schedule.Required)
        {
            return _texts.Common.NoFasting;
        }

        if (start is null)
        {
            return _texts.Common.FastingNotBooked;
        }

        var latest = schedule.LatestIntake;
        SetLatest("fattyFoodUntil", latest, IntakeKind.FattyMeal);
        SetLatest("fastingSolidsUntil", latest, IntakeKind.LightMeal, IntakeKind.InfantFormula, IntakeKind.NonHumanMilk);
        SetLatest("clearLiquidsUntil", latest, IntakeKind.ClearLiquid);
        SetLatest("breastMilkUntil", latest, IntakeKind.BreastMilk);

        // Breast milk matters to babies and toddlers only; older children's sheets stay shorter.
        var breastfedAge = _episode.Patient.AgeMonthsOn(DateOnly.FromDateTime(start.Value.UtcDateTime)) < 24;
        var lines = _texts.Common.Fasting.ToList();
        if (breastfedAge)
        {
            lines.InsertRange(2, _texts.Common.FastingBreastMilk);
        }

        // A line whose time the rules do not give (a kind the site left out) is dropped rather than guessed.
        return lines.Where(l => Placeholders(l).All(_values.ContainsKey));
    }

    private void SetLatest(string key, IReadOnlyDictionary<IntakeKind, DateTimeOffset> latest, params IntakeKind[] kinds)
    {
        var times = kinds.Where(latest.ContainsKey).Select(k => latest[k]).ToList();
        if (times.Count > 0)
        {
            _values[key] = DateTime(times.Min());
        }
    }

    private IReadOnlyList<string> SedationTexts(SedationLevel sedation) => sedation switch
    {
        SedationLevel.None => _texts.Common.Sedation.None,
        SedationLevel.Minimal => _texts.Common.Sedation.Minimal,
        SedationLevel.Moderate => _texts.Common.Sedation.Moderate,
        SedationLevel.Deep => _texts.Common.Sedation.Deep,
        _ => _texts.Common.Sedation.GeneralAnaesthesia,
    };

    private IEnumerable<string> Pain()
    {
        var weight = WeightKg();
        if (weight is not { } kg)
        {
            return _texts.Common.PainNoWeight;
        }

        _values["paracetamolDose"] = Dose(kg, _rules.Paracetamol);
        var lines = new List<string>(_texts.Common.PainWithWeight);
        var ageMonths = _episode.Patient.AgeMonthsOn(DateOnly.FromDateTime((_episode.Procedure?.EndedAt ?? _episode.Appointment?.Start ?? DateTimeOffset.UtcNow).UtcDateTime));
        if (_familyRule.HoldIbuprofenDays > 0)
        {
            lines.AddRange(_texts.Common.PainHoldIbuprofen);
        }
        else if (ageMonths >= _rules.Ibuprofen.MinimumAgeMonths)
        {
            _values["ibuprofenDose"] = Dose(kg, _rules.Ibuprofen);
            lines.AddRange(_texts.Common.PainIbuprofen);
        }

        lines.AddRange(_texts.Common.PainBottle);
        return lines;
    }

    private double? WeightKg()
    {
        if (_episode.Procedure?.WeightKg is > 0 and var recorded)
        {
            return recorded;
        }

        return _episode.Patient.Measurements.Where(m => m.WeightKg > 0).MaxBy(m => m.MeasuredAt)?.WeightKg;
    }

    private static string Dose(double kg, AnalgesicRule rule) =>
        Math.Round(Math.Min(kg * rule.MgPerKg, rule.MaxSingleDoseMg), MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    private string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, _options.TimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private string DateTime(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, _options.TimeZone);
        return _texts.DateTimePattern
            .Replace("{time}", local.ToString("HH:mm", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{day}", _texts.Days[(int)local.DayOfWeek], StringComparison.Ordinal);
    }

    private InstructionSection Section(string headingKey, params IEnumerable<string>[] parts) =>
        new(Fill(_texts.Headings[headingKey]), FillAll(parts.SelectMany(p => p)));

    private System.Collections.ObjectModel.ReadOnlyCollection<string> FillAll(IEnumerable<string> lines) => lines.Select(Fill).ToList().AsReadOnly();

    private string Fill(string text) => PlaceholderPattern().Replace(text, m =>
        _values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"Instruction text for '{_procedure.Id}' ({_texts.Language}) uses the unknown placeholder {m.Value}: \"{text}\"."));

    private static IEnumerable<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{(\w+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
