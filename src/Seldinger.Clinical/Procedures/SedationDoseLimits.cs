using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Procedures;

/// <summary>
/// Per-kg and absolute dose limits of the sedatives, analgesics and local anaesthetics of a procedure
/// record, by route (<c>Data/sedation-drugs.json</c>). <see cref="Check"/> warns when a single dose or a
/// drug's total exceeds a limit at the record's weight; it never blocks, the sedation team decides.
/// </summary>
public sealed class SedationDoseLimits
{
    /// <summary>The name of the shipped limits file.</summary>
    public const string DefaultFileName = "sedation-drugs.json";

    private static readonly Lazy<SedationDoseLimits> DefaultLimits = new(() => Parse(RulesJson.ReadEmbedded(DefaultFileName), DefaultFileName));

    private readonly string _title;

    private SedationDoseLimits(IReadOnlyList<SedationDoseLimit> drugs, string title, string digest)
    {
        Drugs = drugs;
        _title = title;
        Digest = digest;
    }

    /// <summary>The limits, one entry per drug and route group.</summary>
    public IReadOnlyList<SedationDoseLimit> Drugs { get; }

    /// <summary>SHA-256 of the limits text (lower-case hex).</summary>
    public string Digest { get; }

    /// <summary>The shipped limits (read and validated once).</summary>
    public static SedationDoseLimits LoadDefault() => DefaultLimits.Value;

    /// <summary>Reads and validates limits text.</summary>
    /// <param name="json">The text of a limits file.</param>
    /// <param name="sourceName">The file's name, used in every error message.</param>
    /// <exception cref="ClinicalValidationException">The text is not valid; each error names the file, the entry and the field.</exception>
    public static SedationDoseLimits Parse(string json, string sourceName)
    {
        var data = RulesJson.Deserialize<RulesSedationData>(json, sourceName);
        data.Validate(sourceName);
        var drugs = data.Drugs.Select(d => new SedationDoseLimit(d.Id, d.Drug, d.Display, d.Routes.AsReadOnly(), d.MaxSingleDoseMgPerKg,
            d.MaxTotalMgPerKg, d.AbsoluteMaxMg, data.Sources[d.Source], d.Verify, d.Note)).ToList().AsReadOnly();
        return new SedationDoseLimits(drugs, data.Title, RulesJson.Digest(json));
    }

    /// <summary>The limits of <paramref name="drug"/> given by <paramref name="route"/> (case-insensitive), or <see langword="null"/>.</summary>
    public SedationDoseLimit? Find(string drug, string route)
    {
        ArgumentNullException.ThrowIfNull(drug);
        ArgumentNullException.ThrowIfNull(route);
        var name = drug.Trim().ToLowerInvariant();
        var how = route.Trim().ToLowerInvariant();
        return Drugs.FirstOrDefault(d => string.Equals(d.Drug, name, StringComparison.Ordinal) && d.Routes.Contains(how, StringComparer.Ordinal));
    }

    /// <summary>
    /// Warnings for the doses of <paramref name="record"/>: a single dose or a drug's total over its mg/kg limit
    /// at <see cref="ProcedureRecord.WeightKg"/> or over its absolute limit, a known drug by a route without
    /// limits, and a missing weight. An empty list means every dose is within its limits.
    /// </summary>
    /// <param name="record">The procedure record with its doses and weight.</param>
    /// <param name="site">The site's clock for the doses' times in the messages; when null each time is read on its own offset (UTC for stored times).</param>
    public IReadOnlyList<ChecklistItem> Check(ProcedureRecord record, Scheduling.SiteTime? site = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var warnings = new List<ChecklistItem>();
        if (record.SedationDoses.Count == 0)
        {
            return warnings;
        }

        if (record.WeightKg is not > 0 || !double.IsFinite(record.WeightKg.Value))
        {
            warnings.Add(new ChecklistItem("sedation.weight", _title, ChecklistItemStatus.Warning,
                "Weight missing from the procedure record: doses per kg cannot be checked", Drugs.Count > 0 ? Drugs[0].Source : ""));
            return warnings;
        }

        var kg = record.WeightKg.Value;
        var byLimit = new Dictionary<SedationDoseLimit, List<SedationDose>>();
        foreach (var dose in record.SedationDoses.OrderBy(d => d.At))
        {
            var limit = Find(dose.Drug, dose.Route);
            if (limit is null)
            {
                if (Drugs.Any(d => string.Equals(d.Drug, dose.Drug.Trim().ToLowerInvariant(), StringComparison.Ordinal)))
                {
                    warnings.Add(new ChecklistItem($"sedation.{dose.Drug.Trim().ToLowerInvariant()}.route", _title, ChecklistItemStatus.Warning,
                        $"No limit on file for {dose.Drug} by {dose.Route}: check the dose of {RulesText.Number(dose.DoseMg)} mg ({PerKg(dose.DoseMg, kg)} mg/kg)", ""));
                }

                continue;
            }

            if (!byLimit.TryGetValue(limit, out var list))
            {
                list = [];
                byLimit[limit] = list;
            }

            list.Add(dose);
            var perKg = dose.DoseMg / kg;
            if (Over(perKg, limit.MaxSingleDoseMgPerKg))
            {
                warnings.Add(Warning(limit, "single",
                    $"{Capitalise(limit.Display)} {RulesText.Number(dose.DoseMg)} mg at {RulesText.Time(dose.At, site)} is {PerKg(dose.DoseMg, kg)} mg/kg, above the single-dose limit of {RulesText.Number(limit.MaxSingleDoseMgPerKg)} mg/kg ({Mg(limit.MaxSingleDoseMgPerKg * kg)} mg at {RulesText.Number(kg)} kg)"));
            }
            else if (Over(dose.DoseMg, limit.AbsoluteMaxMg))
            {
                warnings.Add(Warning(limit, "single",
                    $"{Capitalise(limit.Display)} {RulesText.Number(dose.DoseMg)} mg at {RulesText.Time(dose.At, site)} ({PerKg(dose.DoseMg, kg)} mg/kg) is above the absolute limit of {RulesText.Number(limit.AbsoluteMaxMg)} mg"));
            }
        }

        // One dose is judged by the single-dose limits above, which are never looser than the totals.
        foreach (var (limit, doses) in byLimit.Where(b => b.Value.Count > 1))
        {
            var total = doses.Sum(d => d.DoseMg);
            var totalPerKg = total / kg;
            if (Over(totalPerKg, limit.MaxTotalMgPerKg))
            {
                warnings.Add(Warning(limit, "total",
                    $"{Capitalise(limit.Display)} total {Mg(total)} mg is {PerKg(total, kg)} mg/kg, above the total limit of {RulesText.Number(limit.MaxTotalMgPerKg)} mg/kg ({Mg(limit.MaxTotalMgPerKg * kg)} mg at {RulesText.Number(kg)} kg)"));
            }
            else if (Over(total, limit.AbsoluteMaxMg))
            {
                warnings.Add(Warning(limit, "total",
                    $"{Capitalise(limit.Display)} total {Mg(total)} mg ({PerKg(total, kg)} mg/kg) is above the absolute limit of {RulesText.Number(limit.AbsoluteMaxMg)} mg"));
            }
        }

        return warnings.AsReadOnly();
    }

    private ChecklistItem Warning(SedationDoseLimit limit, string kind, string message) =>
        new($"sedation.{limit.Id}.{kind}", _title, ChecklistItemStatus.Warning, message, limit.Source);

    // A dose exactly at a limit is within it; the relative slack absorbs the rounding of mg / kg.
    private static bool Over(double value, double limit) => value > limit * (1 + 1e-9);

    private static string PerKg(double mg, double kg) => (mg / kg).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string Mg(double mg) => mg.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
