using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Internal;
using Seldinger.Clinical.Preparation;
using Seldinger.Planning;

namespace Seldinger.Clinical.Recovery;

/// <summary>
/// The discharge criteria after sedation and an IR procedure (AAP/AAPD 2019): vital signs, consciousness,
/// motor function, pain, nausea, puncture site and fluids back to the pre-sedation level; a minimum
/// observation time from the end of the procedure; no adverse event that calls for admission. The values
/// come from <c>Data/discharge-criteria.json</c>.
/// </summary>
/// <remarks>
/// The modified Aldrete score (Aldrete 1995) is computed when motor function, respiratory rate, systolic
/// pressure with a baseline, consciousness and SpO2 are recorded. The record holds no explicit "moves four
/// limbs" or "breathes deeply and coughs" fields, so activity scores 2 when motor function is at baseline
/// (1 otherwise) and respiration 2 when the respiratory rate is back (1 otherwise).
/// </remarks>
public sealed class DischargeCriteria
{
    /// <summary>The name of the shipped criteria file.</summary>
    public const string DefaultFileName = "discharge-criteria.json";

    private static readonly Lazy<DischargeCriteria> DefaultCriteria = new(() => Parse(RulesJson.ReadEmbedded(DefaultFileName), DefaultFileName));

    private readonly RulesDischargeData _data;
    private readonly ProcedureCatalogue _catalogue;

    private DischargeCriteria(RulesDischargeData data, ProcedureCatalogue catalogue, string digest)
    {
        _data = data;
        _catalogue = catalogue;
        Digest = digest;
    }

    /// <summary>SHA-256 of the criteria text (lower-case hex).</summary>
    public string Digest { get; }

    /// <summary>Citations by key.</summary>
    public IReadOnlyDictionary<string, string> Sources => _data.Sources;

    /// <summary>The criteria of the shipped data file, with the shipped procedure catalogue.</summary>
    public static DischargeCriteria LoadDefault() => DefaultCriteria.Value;

    /// <summary>Reads and validates criteria text.</summary>
    /// <param name="json">The text of a criteria file.</param>
    /// <param name="sourceName">The file's name, used in every error message.</param>
    /// <param name="catalogue">The procedure catalogue that gives each procedure's bleeding-risk class (the shipped one when null).</param>
    /// <exception cref="ClinicalValidationException">The text is not valid; each error names the file, the rule and the field.</exception>
    public static DischargeCriteria Parse(string json, string sourceName, ProcedureCatalogue? catalogue = null)
    {
        var data = RulesJson.Deserialize<RulesDischargeData>(json, sourceName);
        data.Validate(sourceName);
        return new DischargeCriteria(data, catalogue ?? ProcedureCatalogue.Default, RulesJson.Digest(json));
    }

    /// <summary>Evaluates the criteria for <paramref name="episode"/> at <paramref name="now"/>.</summary>
    /// <param name="episode">The episode: procedure, vitals, adverse events.</param>
    /// <param name="now">The moment of evaluation.</param>
    /// <param name="site">
    /// The site's clock: the times in the messages ("observe until") are its wall-clock times and the child's age is
    /// taken on its day. When null they are read on each instant's own offset, which is UTC for stored times.
    /// </param>
    public DischargeAssessment Evaluate(Episode episode, DateTimeOffset now, Scheduling.SiteTime? site = null)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var ended = episode.Procedure?.EndedAt;
        var baseline = episode.Vitals.Where(v => v.IsBaseline && v.At <= now).MaxBy(v => v.At);
        var latest = episode.Vitals.Where(v => !v.IsBaseline && v.At <= now && (ended is null || v.At >= ended)).MaxBy(v => v.At);
        var ageMonths = episode.Patient.AgeMonthsOn(site?.DayOf(now) ?? DateOnly.FromDateTime(now.Date));
        var band = _data.Vitals.Band(ageMonths);
        var sedation = episode.Procedure?.SedationGiven ?? episode.Assessment?.PlannedSedation ?? episode.Referral.PlannedSedation ?? SedationLevel.None;

        var items = new List<ChecklistItem>();
        items.AddRange(Vitals(latest, baseline, band, ageMonths));
        items.AddRange(RecoveryState(latest, sedation));
        var (observation, earliest) = Observation(episode, sedation, now, site);
        items.Add(observation);
        var (adverse, admission) = AdverseEvents(episode);
        items.Add(adverse);
        var aldrete = AldreteScore(latest, baseline, band);
        items.Add(AldreteItem(aldrete));
        return new DischargeAssessment(!items.Any(i => i.Blocks), items.AsReadOnly(), earliest)
        {
            AldreteScore = aldrete,
            AdmissionSuggested = admission,
        };
    }

    private ChecklistItem Item(string id, RulesRule rule, ChecklistItemStatus status, string message) =>
        new(id, rule.Title, status, message, Source(rule.Source));

    private string Source(string key) => _data.Sources.TryGetValue(key, out var text) ? text : key;

    private IEnumerable<ChecklistItem> Vitals(VitalSigns? latest, VitalSigns? baseline, RulesAgeBand? band, int ageMonths)
    {
        var rule = _data.Vitals;
        if (latest is null)
        {
            yield return Item("vitals", rule, ChecklistItemStatus.Pending, "Record the recovery vital signs");
            yield break;
        }

        yield return Rate("vitals.heartRate", "Heart rate", "/min", latest.HeartRate, baseline?.HeartRate, rule.HeartRateTolerancePercent, band?.HeartRate, ageMonths);
        yield return Rate("vitals.respiratoryRate", "Respiratory rate", "/min", latest.RespiratoryRate, baseline?.RespiratoryRate, rule.RespiratoryRateTolerancePercent, band?.RespiratoryRate, ageMonths);
        yield return SpO2(latest, baseline);
    }

    private ChecklistItem Rate(string id, string name, string unit, int? value, int? baseline, double tolerancePercent, IReadOnlyList<int>? normal, int ageMonths)
    {
        var rule = _data.Vitals;
        if (value is not { } v)
        {
            return Item(id, rule, ChecklistItemStatus.Pending, $"{name} not recorded");
        }

        var withinBaseline = baseline is { } b && Math.Abs(v - b) <= b * tolerancePercent / 100.0;
        var withinNormal = normal is [var low, var high] && v >= low && v <= high;
        var age = ageMonths < 24 ? $"{ageMonths} months" : $"{ageMonths / 12} years";
        var normalText = normal is [var l, var h] ? $"normal {l}–{h}{unit} at {age}" : "no normal range for age";
        var baselineText = baseline is { } bb ? $"baseline {bb}{unit} ±{RulesText.Number(tolerancePercent)} %" : "no baseline";
        return withinBaseline || withinNormal
            ? Item(id, rule, ChecklistItemStatus.Passed, $"{name} {v}{unit} ({(withinBaseline ? baselineText : normalText)})")
            : Item(id, rule, ChecklistItemStatus.Failed, $"{name} {v}{unit} is outside {baselineText} and {normalText}: keep observing");
    }

    private ChecklistItem SpO2(VitalSigns latest, VitalSigns? baseline)
    {
        var rule = _data.Vitals;
        if (latest.SpO2 is not { } spo2)
        {
            return Item("vitals.spO2", rule, ChecklistItemStatus.Pending, "SpO2 not recorded");
        }

        if (!latest.OnRoomAir)
        {
            return Item("vitals.spO2", rule, ChecklistItemStatus.Failed, $"SpO2 {spo2} % on oxygen: needs to be off oxygen before discharge");
        }

        var min = RulesText.Number(rule.MinSpO2);
        if (spo2 >= rule.MinSpO2)
        {
            return Item("vitals.spO2", rule, ChecklistItemStatus.Passed, $"SpO2 {spo2} % on room air (at least {min} %)");
        }

        return baseline?.SpO2 is { } b && spo2 >= b
            ? Item("vitals.spO2", rule, ChecklistItemStatus.Passed, $"SpO2 {spo2} % on room air, at least the child's baseline {b} %")
            : Item("vitals.spO2", rule, ChecklistItemStatus.Failed,
                $"SpO2 {spo2} % on room air is below {min} %{(baseline?.SpO2 is { } bs ? $" and the baseline {bs} %" : "")}: keep observing");
    }

    private IEnumerable<ChecklistItem> RecoveryState(VitalSigns? latest, SedationLevel sedation)
    {
        var rule = _data.Recovery;
        if (latest is null)
        {
            yield break;
        }

        yield return latest.Consciousness switch
        {
            null => Item("recovery.consciousness", rule, ChecklistItemStatus.Pending, "Level of consciousness not recorded"),
            ConsciousnessLevel.Awake => Item("recovery.consciousness", rule, ChecklistItemStatus.Passed, "Awake (or at the usual level)"),
            var level => Item("recovery.consciousness", rule, ChecklistItemStatus.Failed, $"Not yet awake ({Describe(level.Value)}): keep observing"),
        };
        yield return Flag("recovery.motor", latest.MotorAtBaseline, true, "Sits or walks as before", "Not yet sitting or walking as before", "Motor function not recorded");
        yield return latest.PainScore switch
        {
            null => Item("recovery.pain", rule, ChecklistItemStatus.Pending, "Pain score not recorded"),
            var p when p <= rule.MaxPain => Item("recovery.pain", rule, ChecklistItemStatus.Passed, $"Pain {p}/10 (at most {rule.MaxPain})"),
            var p => Item("recovery.pain", rule, ChecklistItemStatus.Failed, $"Pain {p}/10 is above {rule.MaxPain}: give pain relief and reassess"),
        };
        yield return Flag("recovery.nausea", latest.Nausea, false, "No nausea or vomiting", "Nausea or vomiting: treat and reassess", "Nausea not recorded");
        yield return Flag("recovery.site", latest.SiteDry, true, "Puncture site dry", "Puncture site not dry: check for bleeding or a growing haematoma", "Puncture site not checked");
        if (sedation >= rule.FluidsRequiredFromSedation)
        {
            yield return Flag("recovery.fluids", latest.ToleratingFluids, true, "Drinking without vomiting", "Not yet tolerating fluids", "Fluids not yet tried");
        }
        else
        {
            yield return Item("recovery.fluids", rule, ChecklistItemStatus.NotApplicable, $"Drinking before discharge not required after {RulesText.Sedation(sedation)}");
        }
    }

    private ChecklistItem Flag(string id, bool? value, bool good, string passed, string failed, string missing)
    {
        var rule = _data.Recovery;
        return value switch
        {
            null => Item(id, rule, ChecklistItemStatus.Pending, missing),
            var v when v == good => Item(id, rule, ChecklistItemStatus.Passed, passed),
            _ => Item(id, rule, ChecklistItemStatus.Failed, failed),
        };
    }

    private static string Describe(ConsciousnessLevel level) => level switch
    {
        ConsciousnessLevel.RousableToVoice => "rouses to voice",
        ConsciousnessLevel.RousableToTouch => "rouses only to touch",
        ConsciousnessLevel.Unresponsive => "not rousable",
        _ => "awake",
    };

    private (ChecklistItem Item, DateTimeOffset? Earliest) Observation(Episode episode, SedationLevel sedation, DateTimeOffset now, Scheduling.SiteTime? site)
    {
        var rule = _data.Observation;
        var procedureId = episode.Procedure?.ProcedureId ?? episode.Referral.ProcedureId;
        var definition = procedureId is null ? null : _catalogue.Find(procedureId);
        var reasons = new List<(double Minutes, string Why)>
        {
            (rule.BySedation.GetValueOrDefault(sedation), $"after {RulesText.Sedation(sedation)}"),
        };
        if (definition is not null && rule.ByBleedingRisk.TryGetValue(definition.BleedingRisk.Class, out var riskMinutes))
        {
            reasons.Add((riskMinutes, definition.BleedingRisk.Class switch
            {
                BleedingRiskClass.High => "after a high bleeding-risk procedure",
                BleedingRiskClass.Low => "after a low bleeding-risk procedure",
                _ => "after a procedure without a bleeding-risk class",
            }));
        }

        var byProcedure = rule.ByProcedure.FirstOrDefault(p => string.Equals(p.ProcedureId, procedureId, StringComparison.Ordinal));
        if (byProcedure is not null)
        {
            reasons.Add((byProcedure.Minutes, $"after {definition?.Name.ToLowerInvariant() ?? procedureId}"));
        }

        var longest = reasons.MaxBy(r => r.Minutes);
        var duration = RulesText.Hours(longest.Minutes / 60.0);
        if (episode.Procedure?.EndedAt is not { } ended)
        {
            return (Item("observation", rule, ChecklistItemStatus.Pending, $"Procedure end time not recorded (observe {duration} {longest.Why})"), null);
        }

        var earliest = ended.AddMinutes(longest.Minutes);
        return now >= earliest
            ? (Item("observation", rule, ChecklistItemStatus.Passed, $"Observed since {RulesText.Time(ended, site)} ({duration} needed {longest.Why})"), earliest)
            : (Item("observation", rule, ChecklistItemStatus.Pending, $"Observe until {RulesText.Time(earliest, site)} ({duration} {longest.Why})"), earliest);
    }

    private (ChecklistItem Item, bool Admission) AdverseEvents(Episode episode)
    {
        var rule = _data.AdverseEvents;
        if (episode.AdverseEvents.Count == 0)
        {
            return (Item("adverseEvents", rule, ChecklistItemStatus.Passed, "No adverse event recorded"), false);
        }

        var worst = episode.AdverseEvents.MaxBy(a => a.SirSeverity)!;
        var grade = AdverseEventClassification.Definition(worst.SirSeverity).Display.ToLowerInvariant();
        return worst.SirSeverity >= rule.AdmissionFromSir
            ? (Item("adverseEvents", rule, ChecklistItemStatus.Failed, $"Adverse event \"{worst.Description}\" (SIR {grade}): admission suggested"), true)
            : (Item("adverseEvents", rule, ChecklistItemStatus.Warning, $"Adverse event \"{worst.Description}\" (SIR {grade}) recorded: same-day discharge possible"), false);
    }

    private int? AldreteScore(VitalSigns? latest, VitalSigns? baseline, RulesAgeBand? band)
    {
        if (latest is not { MotorAtBaseline: { } motor, RespiratoryRate: { } rr, SystolicBp: { } bp, Consciousness: { } consciousness, SpO2: { } spo2 }
            || baseline?.SystolicBp is not { } baselineBp || baselineBp <= 0)
        {
            return null;
        }

        var activity = motor ? 2 : 1;
        var rrBack = (baseline.RespiratoryRate is { } brr && Math.Abs(rr - brr) <= brr * _data.Vitals.RespiratoryRateTolerancePercent / 100.0)
            || (band?.RespiratoryRate is [var low, var high] && rr >= low && rr <= high);
        var respiration = rrBack ? 2 : 1;
        var bpChange = Math.Abs(bp - baselineBp) * 100.0 / baselineBp;
        var tolerance = _data.Aldrete.BloodPressureTolerancePercent;
        var circulation = bpChange <= tolerance ? 2 : bpChange < 50 ? 1 : 0;
        var conscious = consciousness switch
        {
            ConsciousnessLevel.Awake => 2,
            ConsciousnessLevel.RousableToVoice => 1,
            _ => 0,
        };
        var oxygen = latest.OnRoomAir && spo2 > 92 ? 2 : spo2 > 90 ? 1 : 0;
        return activity + respiration + circulation + conscious + oxygen;
    }

    private ChecklistItem AldreteItem(int? score)
    {
        var rule = _data.Aldrete;
        return score switch
        {
            null => Item("aldrete", rule, ChecklistItemStatus.NotApplicable, "Modified Aldrete score not computed (motor, breathing, blood pressure with baseline, consciousness or SpO2 missing)"),
            var s when s >= rule.MinScore => Item("aldrete", rule, ChecklistItemStatus.Passed, $"Modified Aldrete score {s}/10 (at least {rule.MinScore})"),
            var s => Item("aldrete", rule, ChecklistItemStatus.Warning, $"Modified Aldrete score {s}/10 is below {rule.MinScore}"),
        };
    }
}
