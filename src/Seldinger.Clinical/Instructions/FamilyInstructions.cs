using System.Globalization;
using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Instructions.Internal;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Planning;

namespace Seldinger.Clinical.Instructions;

/// <summary>
/// Family instructions in English and Spanish for every procedure of the catalogue, written for an
/// easy reading level, composed for one child, one booking and one phase (before or after).
/// </summary>
/// <remarks>
/// Texts live in Data/instructions/en.json and es.json (same keys); the grouping of procedures into
/// families, the arrival time, the fever threshold and the pain-relief doses live in
/// Data/instructions/rules.json; fasting times come from the pre-procedure rules through
/// <see cref="FastingSchedule"/>, so the sheet and the checklist never disagree.
/// </remarks>
public sealed class FamilyInstructions
{
    private const string EnglishFile = "instructions/en.json";
    private const string SpanishFile = "instructions/es.json";
    private const string RulesFile = "instructions/rules.json";

    private static readonly Lazy<FamilyInstructions> DefaultInstructions = new(() => Parse(
        InstructionDataReader.ReadEmbedded(EnglishFile),
        InstructionDataReader.ReadEmbedded(SpanishFile),
        InstructionDataReader.ReadEmbedded(RulesFile),
        PreProcedureRules.LoadDefault()));

    private readonly InstructionLanguageFile _english;
    private readonly InstructionLanguageFile _spanish;
    private readonly InstructionRulesFile _rules;
    private readonly PreProcedureRules _fastingRules;
    private readonly Dictionary<string, string> _familyOfProcedure;

    private FamilyInstructions(InstructionLanguageFile english, InstructionLanguageFile spanish, InstructionRulesFile rules, PreProcedureRules fastingRules)
    {
        _english = english;
        _spanish = spanish;
        _rules = rules;
        _fastingRules = fastingRules;
        _familyOfProcedure = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (family, rule) in rules.Families)
        {
            foreach (var procedureId in rule.Procedures)
            {
                if (!_familyOfProcedure.TryAdd(procedureId, family))
                {
                    throw new ClinicalValidationException($"families.{family}.procedures", $"{RulesFile}: procedure '{procedureId}' is in two families.");
                }
            }
        }
    }

    /// <summary>The procedure families (e.g. "biopsy", "drain"), each with its own texts.</summary>
    public IReadOnlyCollection<string> Families => _rules.Families.Keys.ToList().AsReadOnly();

    /// <summary>The texts and rules shipped inside the assembly.</summary>
    public static FamilyInstructions LoadDefault() => DefaultInstructions.Value;

    /// <summary>Reads instruction texts and rules a site has edited.</summary>
    /// <param name="englishJson">The English texts (en.json).</param>
    /// <param name="spanishJson">The Spanish texts (es.json), with the same keys.</param>
    /// <param name="rulesJson">Families, arrival time, fever threshold and doses (rules.json).</param>
    /// <param name="fastingRules">The pre-procedure rules the fasting times come from.</param>
    /// <exception cref="ClinicalValidationException">A file is not valid or the two languages differ.</exception>
    public static FamilyInstructions Parse(string englishJson, string spanishJson, string rulesJson, PreProcedureRules fastingRules)
    {
        ArgumentNullException.ThrowIfNull(englishJson);
        ArgumentNullException.ThrowIfNull(spanishJson);
        ArgumentNullException.ThrowIfNull(rulesJson);
        ArgumentNullException.ThrowIfNull(fastingRules);
        var en = InstructionDataReader.Parse<InstructionLanguageFile>(englishJson, EnglishFile);
        var es = InstructionDataReader.Parse<InstructionLanguageFile>(spanishJson, SpanishFile);
        var rules = InstructionDataReader.Parse<InstructionRulesFile>(rulesJson, RulesFile);
        foreach (var (file, texts) in new[] { (EnglishFile, en), (SpanishFile, es) })
        {
            if (texts.Days.Count != 7)
            {
                throw new ClinicalValidationException("days", $"{file}: 'days' must name the 7 days, Sunday first.");
            }

            foreach (var family in rules.Families.Keys.Where(f => !texts.Families.ContainsKey(f)))
            {
                throw new ClinicalValidationException($"families.{family}", $"{file}: no texts for the procedure family '{family}'.");
            }

            foreach (var procedureId in rules.Families.Values.SelectMany(f => f.Procedures).Where(p => !texts.Procedures.ContainsKey(p)))
            {
                throw new ClinicalValidationException($"procedures.{procedureId}", $"{file}: no family-friendly name for procedure '{procedureId}'.");
            }
        }

        return new FamilyInstructions(en, es, rules, fastingRules);
    }

    /// <summary>The family of texts a catalogue procedure uses, or null when it has none.</summary>
    public string? FamilyOf(string procedureId) => _familyOfProcedure.GetValueOrDefault(procedureId);

    /// <summary>Composes the sheet of <paramref name="phase"/> for the episode's child and booking.</summary>
    /// <param name="episode">The referral's episode: child, booking, assessment and procedure record.</param>
    /// <param name="procedure">The catalogue procedure the sheet is about.</param>
    /// <param name="language">The family's language.</param>
    /// <param name="phase">Before or after the procedure.</param>
    /// <param name="options">Time zone and the service's telephone number.</param>
    /// <exception cref="ClinicalValidationException">The episode lacks what the sheet needs (the sedation
    /// plan before the procedure), the service phone is not set, or the procedure has no texts.</exception>
    public InstructionSheet Compose(Episode episode, ProcedureDefinition procedure, FamilyLanguage language, InstructionPhase phase, InstructionOptions options)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ServicePhone))
        {
            throw new ClinicalValidationException("servicePhone", "Set the service telephone number: every family sheet tells the family to call it.");
        }

        if (!Enum.IsDefined(language))
        {
            throw new ClinicalValidationException("language", $"Unknown family language '{language}'.");
        }

        var family = FamilyOf(procedure.Id)
            ?? throw new ClinicalValidationException("procedureId", $"There are no family instructions for procedure '{procedure.Id}'.");
        var texts = language == FamilyLanguage.Spanish ? _spanish : _english;
        var composer = new SheetComposer(texts, texts.Families[family], _rules, _rules.Families[family], _fastingRules, episode, procedure, options);
        return phase switch
        {
            InstructionPhase.Before => composer.Before(language),
            InstructionPhase.After => composer.After(language),
            _ => throw new ClinicalValidationException("phase", $"Unknown instruction phase '{phase}'."),
        };
    }

    internal static string FormatNumber(double value, InstructionLanguageFile texts) =>
        value.ToString("0.#", CultureInfo.InvariantCulture).Replace(".", texts.DecimalSeparator, StringComparison.Ordinal);

    internal static SedationLevel? PlannedSedation(Episode episode) =>
        episode.Assessment?.PlannedSedation ?? episode.Referral.PlannedSedation;
}
