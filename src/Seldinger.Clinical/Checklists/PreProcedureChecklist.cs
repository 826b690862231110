using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Internal;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Clinical.Checklists;

/// <summary>
/// Evaluates the pre-procedure checklist of an episode: labs, anticoagulant holds, fasting, consent and
/// assent, ASA and sedation plan, pregnancy screening, allergies, weight and family instructions. Every
/// threshold comes from <see cref="PreProcedureRules"/>; the planned time is the appointment's start.
/// </summary>
/// <param name="rules">The rules to apply (usually <see cref="PreProcedureRules.LoadDefault"/>).</param>
public sealed class PreProcedureChecklist(PreProcedureRules rules)
{
    private readonly PreProcedureRules _rules = rules ?? throw new ArgumentNullException(nameof(rules));

    /// <summary>The rules applied.</summary>
    public PreProcedureRules Rules => _rules;

    /// <summary>The checklist of <paramref name="episode"/> for <paramref name="procedure"/> as it stands at <paramref name="now"/>.</summary>
    /// <param name="episode">The episode: patient, booking, assessment, labs, drugs, intake, consents.</param>
    /// <param name="procedure">The catalogue procedure planned (its bleeding-risk class and guidance drive the rules).</param>
    /// <param name="now">The moment of evaluation; results collected after it are ignored.</param>
    /// <param name="site">
    /// The site's clock: the times and dates in the messages (fasting, last doses, consents, results) are its wall-clock
    /// times, and the child's age is taken on its day. When null they are read on each instant's own offset, which
    /// is UTC for stored times.
    /// </param>
    public ChecklistResult Evaluate(Episode episode, ProcedureDefinition procedure, DateTimeOffset now, SiteTime? site = null)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(procedure);
        var context = new Context(episode, procedure, now, _rules.Data.Consent.AdultAge, site);
        var items = new List<ChecklistItem> { Labs(context) };
        items.AddRange(Anticoagulants(context));
        items.Add(Fasting(context));
        items.AddRange(Consents(context));
        items.Add(AsaAndSedation(context));
        items.Add(Pregnancy(context));
        items.AddRange(Allergies(context));
        items.Add(Weight(context));
        items.Add(Instructions(context));
        return ChecklistResult.Of(items.AsReadOnly(), now);
    }

    private ChecklistItem Item(string ruleId, RulesRule rule, ChecklistItemStatus status, string message) =>
        new(ruleId, rule.Title, status, message, _rules.SourceText(rule.Source));

    private ChecklistItem Labs(Context c)
    {
        var labs = _rules.Data.Labs;
        var risk = c.Procedure.BleedingRisk.Class;
        if (risk == BleedingRiskClass.NotClassified)
        {
            return Item("labs", labs, ChecklistItemStatus.Warning,
                $"No {labs.Label} class for {c.Procedure.Name}: the physician decides which blood tests are needed");
        }

        var limits = labs.For(risk);
        var riskWord = risk == BleedingRiskClass.High ? "high" : "low";
        var procedureOverride = labs.Override(c.Procedure.Id);
        var maxInr = procedureOverride?.MaxInr ?? limits.MaxInr;
        var minPlatelets = procedureOverride?.MinPlatelets ?? limits.MinPlatelets;
        var drugs = c.Episode.Medications
            .Where(m => m.Active)
            .Select(m => _rules.Data.Anticoagulants.Match(m))
            .Where(d => d is not null && limits.RequiredWithDrugs.Contains(d.Id, StringComparer.Ordinal))
            .Select(d => d!.Display)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var required = limits.Routine || drugs.Count > 0;
        var reason = drugs.Count > 0 && !limits.Routine
            ? $"{riskWord} bleeding risk, on {RulesText.And(drugs)}, {labs.Label}"
            : $"{riskWord} bleeding risk, {labs.Label}";

        var inr = c.Latest(LabTest.Inr);
        var platelets = c.Latest(LabTest.Platelets);
        var maxAge = TimeSpan.FromDays(labs.MaxAgeDays);
        bool Fresh(LabResult? r) => r is not null && c.Reference - r.CollectedAt <= maxAge;

        var problems = new List<string>();
        var forWhat = procedureOverride is null ? $"a {riskWord} bleeding-risk procedure" : c.Procedure.Name.ToLowerInvariant();
        if (Fresh(inr) && inr!.Value > maxInr)
        {
            problems.Add($"INR {RulesText.Number(inr.Value)} is above {RulesText.Number(maxInr)} for {forWhat}: correct it or discuss with the physician");
        }

        if (Fresh(platelets) && platelets!.Value < minPlatelets)
        {
            problems.Add($"Platelets {RulesText.Number(platelets.Value)} ×10⁹/L are below {RulesText.Number(minPlatelets)} for {forWhat}: transfuse or discuss with the physician");
        }

        if (problems.Count > 0)
        {
            return Item("labs", labs, ChecklistItemStatus.Failed, string.Join("; ", problems));
        }

        var missing = new List<string>();
        var stale = new List<string>();
        foreach (var (name, result) in new[] { ("INR", inr), ("platelets", platelets) })
        {
            if (result is null)
            {
                missing.Add(name);
            }
            else if (!Fresh(result))
            {
                missing.Add(name);
                stale.Add($"{name} of {RulesText.Date(result.CollectedAt, c.Site)}");
            }
        }

        if (!required)
        {
            return missing.Count == 2
                ? Item("labs", labs, ChecklistItemStatus.NotApplicable, $"Blood tests not routinely needed ({reason})")
                : Item("labs", labs, ChecklistItemStatus.Passed, $"{Found(inr, platelets, Fresh)} within limits ({reason})");
        }

        if (missing.Count > 0)
        {
            var text = $"{Capitalise(RulesText.And(missing))} needed ({reason})";
            if (stale.Count > 0)
            {
                text += $"; {RulesText.And(stale)} older than {labs.MaxAgeDays} days";
            }

            return Item("labs", labs, ChecklistItemStatus.Pending, text);
        }

        return Item("labs", labs, ChecklistItemStatus.Passed,
            $"INR {RulesText.Number(inr!.Value)} (limit {RulesText.Number(maxInr)}) and platelets {RulesText.Number(platelets!.Value)} ×10⁹/L (limit {RulesText.Number(minPlatelets)}) ({reason})");
    }

    private static string Found(LabResult? inr, LabResult? platelets, Func<LabResult?, bool> fresh)
    {
        var parts = new List<string>();
        if (fresh(inr))
        {
            parts.Add($"INR {RulesText.Number(inr!.Value)}");
        }

        if (fresh(platelets))
        {
            parts.Add($"platelets {RulesText.Number(platelets!.Value)} ×10⁹/L");
        }

        return Capitalise(RulesText.And(parts));
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private IEnumerable<ChecklistItem> Anticoagulants(Context c)
    {
        var rule = _rules.Data.Anticoagulants;
        var risk = c.Procedure.BleedingRisk.Class;
        var riskWord = risk switch
        {
            BleedingRiskClass.High => "high",
            BleedingRiskClass.Low => "low",
            _ => "unclassified",
        };
        var any = false;
        foreach (var medication in c.Episode.Medications.Where(m => m.Active || m.LastDoseAt is not null))
        {
            var drug = rule.Match(medication);
            if (drug is null)
            {
                continue;
            }

            any = true;
            var id = $"anticoagulants.{drug.Id}";
            var hold = drug.HoldHours(risk);
            var needed = RulesText.Hours(hold);
            var source = _rules.SourceText(drug.Source);
            if (hold <= 0)
            {
                yield return new ChecklistItem(id, rule.Title, ChecklistItemStatus.Passed,
                    $"{Capitalise(drug.Display)}: no need to stop before a {riskWord} bleeding-risk procedure", source);
                continue;
            }

            if (c.Planned is not { } planned)
            {
                yield return new ChecklistItem(id, rule.Title, ChecklistItemStatus.Pending,
                    $"{Capitalise(drug.Display)}: stop {needed} before the procedure, which is not yet booked", source);
                continue;
            }

            if (medication.LastDoseAt is not { } last)
            {
                yield return new ChecklistItem(id, rule.Title, ChecklistItemStatus.Pending,
                    $"{Capitalise(drug.Display)}: time of the last dose needed (stop {needed} before {RulesText.DayTime(planned, c.Site)})", source);
                continue;
            }

            var gap = (planned - last).TotalHours;
            if (gap >= hold)
            {
                yield return new ChecklistItem(id, rule.Title, ChecklistItemStatus.Passed,
                    $"{Capitalise(drug.Display)}: last dose {RulesText.DayTime(last, c.Site)}, {RulesText.Hours(Math.Floor(gap))} before the start ({needed} needed)", source);
                continue;
            }

            var message = $"{Capitalise(drug.Display)}: last dose {RulesText.DayTime(last, c.Site)} is only {RulesText.Hours(Math.Max(0, Math.Floor(gap)))} before the start; {needed} needed";
            yield return risk == BleedingRiskClass.NotClassified
                ? new ChecklistItem(id, rule.Title, ChecklistItemStatus.Warning,
                    $"{message} for a high bleeding-risk procedure; this one is not classified: the physician decides", source)
                : new ChecklistItem(id, rule.Title, ChecklistItemStatus.Failed,
                    $"{message} for a {riskWord} bleeding-risk procedure: hold the drug or discuss with the physician", source);
        }

        if (!any)
        {
            yield return Item("anticoagulants", rule, ChecklistItemStatus.NotApplicable, "No blood thinners recorded");
        }
    }

    private ChecklistItem Fasting(Context c)
    {
        var rule = _rules.Data.Fasting;
        if (c.Sedation is not { } sedation)
        {
            return Item("fasting", rule, ChecklistItemStatus.Pending, "Fasting depends on the sedation plan, which is not yet recorded");
        }

        if (sedation < rule.AppliesFrom)
        {
            return Item("fasting", rule, ChecklistItemStatus.NotApplicable, $"No fasting needed for {RulesText.Sedation(sedation)}");
        }

        if (c.Planned is not { } planned)
        {
            return Item("fasting", rule, ChecklistItemStatus.Pending, "Fasting times follow the booking: not yet booked");
        }

        var schedule = FastingSchedule.For(planned, sedation, _rules);
        var latest = c.Episode.Intakes.GroupBy(i => i.Kind).Select(g => g.MaxBy(i => i.At)!).OrderBy(i => i.Kind).ToList();
        if (latest.Count == 0)
        {
            return Item("fasting", rule, ChecklistItemStatus.Pending,
                $"Last food and drink not yet recorded (no {RulesText.Intake(IntakeKind.LightMeal)} after {RulesText.Time(schedule.LatestIntake[IntakeKind.LightMeal], c.Site)}, "
                + $"{RulesText.Intake(IntakeKind.ClearLiquid)} until {RulesText.Time(schedule.LatestIntake[IntakeKind.ClearLiquid], c.Site)})");
        }

        var late = latest.Where(i => i.At > schedule.LatestIntake[i.Kind]).ToList();
        if (late.Count > 0)
        {
            return Item("fasting", rule, ChecklistItemStatus.Failed, string.Join("; ", late.Select(i =>
                $"{Capitalise(RulesText.Intake(i.Kind))} at {RulesText.Time(i.At, c.Site)} is less than {RulesText.Hours(rule.Hours[i.Kind])} before the start at {RulesText.Time(planned, c.Site)}: delay the procedure or discuss with the sedation team")));
        }

        return Item("fasting", rule, ChecklistItemStatus.Passed,
            "Fasting times met: " + string.Join(", ", latest.Select(i => $"{RulesText.Intake(i.Kind)} at {RulesText.Time(i.At, c.Site)}")) + $" for a start at {RulesText.Time(planned, c.Site)}");
    }

    private IEnumerable<ChecklistItem> Consents(Context c)
    {
        var rule = _rules.Data.Consent;
        yield return Consent(c, "consent.procedure", ConsentKind.Procedure, "the procedure");
        if (c.Sedation is { } sedation && sedation >= rule.SedationConsentFrom)
        {
            yield return Consent(c, "consent.sedation", ConsentKind.Sedation, RulesText.Sedation(sedation));
        }
        else
        {
            yield return Item("consent.sedation", rule, ChecklistItemStatus.NotApplicable,
                c.Sedation is { } s ? $"No separate sedation consent for {RulesText.Sedation(s)}" : "No sedation plan yet");
        }

        yield return Assent(c);
    }

    private ChecklistItem Consent(Context c, string ruleId, ConsentKind kind, string what)
    {
        var rule = _rules.Data.Consent;
        var records = c.Episode.Consents.Where(r => r.Kind == kind && r.At <= c.Now).OrderBy(r => r.At).ToList();
        var authorised = records.Where(r => HasAuthority(c, r)).ToList();
        if (authorised.Count > 0)
        {
            var latest = authorised[^1];
            var who = latest.Relationship.Length > 0 ? $"{latest.GivenBy} ({latest.Relationship})" : latest.GivenBy;
            return latest.Granted
                ? Item(ruleId, rule, ChecklistItemStatus.Passed, $"Consent to {what} by {who} on {RulesText.Date(latest.At, c.Site)}")
                : Item(ruleId, rule, ChecklistItemStatus.Failed, $"{who} refused consent to {what} on {RulesText.Date(latest.At, c.Site)}: the physician talks with the family");
        }

        var adult = c.Age >= rule.AdultAge;
        if (records.Count > 0)
        {
            var names = RulesText.And(records.Select(r => r.GivenBy).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
            return Item(ruleId, rule, ChecklistItemStatus.Pending,
                $"Consent to {what} recorded from {names}, who has no legal authority recorded: {(adult ? "the patient" : "a parent or legal guardian")} must consent");
        }

        return Item(ruleId, rule, ChecklistItemStatus.Pending,
            $"Consent to {what} not yet given by {(adult ? "the patient" : "a parent or legal guardian")}");
    }

    private static bool HasAuthority(Context c, ConsentRecord record)
    {
        var name = record.GivenBy.Trim();
        var guardian = c.Episode.Patient.Guardians.Any(g => g.HasLegalAuthority && string.Equals(g.Name.Trim(), name, StringComparison.OrdinalIgnoreCase));
        var self = string.Equals(record.Relationship.Trim(), "self", StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.Episode.Patient.DisplayName, name, StringComparison.OrdinalIgnoreCase);
        return guardian || (self && c.IsAdult);
    }

    private ChecklistItem Assent(Context c)
    {
        var rule = _rules.Data.Consent;
        var source = _rules.SourceText(rule.AssentSource.Length > 0 ? rule.AssentSource : rule.Source);
        var latest = c.Episode.Consents.Where(r => r.Kind == ConsentKind.Assent && r.At <= c.Now).MaxBy(r => r.At);
        if (c.IsAdult)
        {
            return new ChecklistItem("consent.assent", rule.Title, ChecklistItemStatus.NotApplicable, "The patient consents for themself", source);
        }

        if (latest is not null)
        {
            return latest.Granted
                ? new ChecklistItem("consent.assent", rule.Title, ChecklistItemStatus.Passed, $"{latest.GivenBy} agrees (assent on {RulesText.Date(latest.At, c.Site)})", source)
                : new ChecklistItem("consent.assent", rule.Title, ChecklistItemStatus.Failed,
                    $"{latest.GivenBy} does not agree: talk with the child and the family before going ahead", source);
        }

        return c.Age < rule.AssentFromAge
            ? new ChecklistItem("consent.assent", rule.Title, ChecklistItemStatus.NotApplicable, $"Assent is sought from {rule.AssentFromAge} years; the child is {c.Age}", source)
            : new ChecklistItem("consent.assent", rule.Title, rule.MissingAssentStatus, $"The child's assent (age {c.Age}) is not yet recorded", source);
    }

    private ChecklistItem AsaAndSedation(Context c)
    {
        var rule = _rules.Data.Asa;
        var assessment = c.Episode.Assessment;
        if (assessment is null)
        {
            return Item("asa", rule, ChecklistItemStatus.Pending, "Pre-procedure assessment not yet done (ASA class and sedation plan)");
        }

        var missing = new List<string>();
        if (assessment.Asa is null)
        {
            missing.Add("ASA class");
        }

        if (assessment.PlannedSedation is null)
        {
            missing.Add("sedation plan");
        }

        if (missing.Count > 0)
        {
            return Item("asa", rule, ChecklistItemStatus.Pending, $"{RulesText.And(missing)} not yet recorded");
        }

        var asa = assessment.Asa!.Value;
        var sedation = assessment.PlannedSedation!.Value;
        var text = $"{RulesText.Asa(asa)}{(assessment.AsaEmergency ? "E" : "")}, {RulesText.Sedation(sedation)} planned";
        if (assessment.ChildLifeSupport)
        {
            text += ", child-life support planned";
        }

        return asa >= rule.ReviewFromAsa && sedation == rule.ReviewSedation
            ? Item("asa", rule, ChecklistItemStatus.Warning,
                $"{text}: {RulesText.Asa(asa)} with {RulesText.Sedation(sedation)} outside general anaesthesia: anaesthesia review"
                + (assessment.ChildLifeSupport ? "" : " (consider child-life support as an alternative or addition)"))
            : Item("asa", rule, ChecklistItemStatus.Passed, text);
    }

    private ChecklistItem Pregnancy(Context c)
    {
        var rule = _rules.Data.Pregnancy;
        var patient = c.Episode.Patient;
        var postMenarche = c.Episode.Assessment?.PostMenarche == true;
        if (patient.Sex != AdministrativeSex.Female || (c.Age < rule.FromAge && !postMenarche))
        {
            return Item("pregnancy", rule, ChecklistItemStatus.NotApplicable, "Pregnancy screening not needed (sex, age or menarche)");
        }

        var ionising = c.Guidance.Where(g => rule.IonisingGuidance.Contains(g)).ToList();
        var sedated = c.Sedation is { } s && s >= rule.SedationFrom;
        if (ionising.Count == 0 && !sedated)
        {
            return Item("pregnancy", rule, ChecklistItemStatus.NotApplicable, "Pregnancy screening not needed (no radiation, no sedation)");
        }

        var why = ionising.Count > 0 ? "radiation" : "sedation";
        var screen = c.Episode.Assessment?.PregnancyScreen ?? PregnancyScreen.Pending;
        if (screen is PregnancyScreen.Pending or PregnancyScreen.NotRequired
            && c.Latest(LabTest.Hcg) is { } hcg && c.Reference - hcg.CollectedAt <= TimeSpan.FromHours(rule.HcgMaxAgeHours))
        {
            return hcg.Value > 0
                ? Item("pregnancy", rule, ChecklistItemStatus.Failed, $"Pregnancy test (hCG) of {RulesText.Date(hcg.CollectedAt, c.Site)} positive: the physician decides whether and how to go ahead")
                : Item("pregnancy", rule, ChecklistItemStatus.Passed, $"Pregnancy test (hCG) of {RulesText.Date(hcg.CollectedAt, c.Site)} negative");
        }

        return screen switch
        {
            PregnancyScreen.Negative => Item("pregnancy", rule, ChecklistItemStatus.Passed, "Pregnancy test negative"),
            PregnancyScreen.Positive => Item("pregnancy", rule, ChecklistItemStatus.Failed,
                "Pregnancy test positive: the physician decides whether and how to go ahead"),
            PregnancyScreen.Declined => Item("pregnancy", rule, ChecklistItemStatus.Warning,
                "Pregnancy test declined: the physician decides"),
            _ => Item("pregnancy", rule, ChecklistItemStatus.Pending, $"Pregnancy test needed (age {c.Age}, {why})"),
        };
    }

    private IEnumerable<ChecklistItem> Allergies(Context c)
    {
        var rule = _rules.Data.Allergy;
        var contrast = c.Episode.Patient.Allergies.Where(a => a.Category == AllergyCategory.Contrast).ToList();
        if (contrast.Count == 0)
        {
            yield return Item("allergy.contrast", rule, ChecklistItemStatus.NotApplicable, "No contrast allergy recorded");
        }
        else
        {
            var what = RulesText.And(contrast.Select(a => a.Reaction.Length > 0 ? $"{a.Substance}: {a.Reaction}" : a.Substance).ToList());
            var usesContrast = c.Guidance.Any(g => rule.ContrastGuidance.Contains(g));
            var premedication = c.Episode.Assessment?.AllergyPremedication.Trim() ?? "";
            if (!usesContrast)
            {
                yield return Item("allergy.contrast", rule, ChecklistItemStatus.NotApplicable, $"Contrast allergy ({what}); this procedure's guidance uses no contrast");
            }
            else if (premedication.Length == 0)
            {
                yield return Item("allergy.contrast", rule, ChecklistItemStatus.Pending, $"Contrast allergy ({what}): premedication plan needed");
            }
            else
            {
                yield return Item("allergy.contrast", rule, ChecklistItemStatus.Passed, $"Contrast allergy ({what}): premedication {premedication}");
            }
        }

        var latex = c.Episode.Patient.Allergies.Any(a => a.Category == AllergyCategory.Latex);
        yield return new ChecklistItem("allergy.latex", rule.LatexTitle, latex ? ChecklistItemStatus.Warning : ChecklistItemStatus.NotApplicable,
            latex ? "Latex allergy: latex-free room and equipment" : "No latex allergy recorded", _rules.SourceText(rule.LatexSource));
    }

    private ChecklistItem Weight(Context c)
    {
        var rule = _rules.Data.Weight;
        var latest = c.Episode.Patient.LatestMeasurement(c.Now);
        if (latest is null)
        {
            return Item("weight", rule, ChecklistItemStatus.Pending, "Weigh the child (no weight recorded)");
        }

        var days = (c.Reference - latest.MeasuredAt).TotalDays;
        return days <= rule.MaxAgeDays
            ? Item("weight", rule, ChecklistItemStatus.Passed, $"{RulesText.Number(latest.WeightKg)} kg on {RulesText.Date(latest.MeasuredAt, c.Site)}")
            : Item("weight", rule, ChecklistItemStatus.Pending,
                $"Weigh the child (last weight {RulesText.Number(latest.WeightKg)} kg on {RulesText.Date(latest.MeasuredAt, c.Site)} is more than {rule.MaxAgeDays} days old)");
    }

    private ChecklistItem Instructions(Context c)
    {
        var rule = _rules.Data.Instructions;
        return c.Episode.Assessment?.InstructionsSentAt is { } sent
            ? Item("instructions", rule, ChecklistItemStatus.Passed, $"Instructions sent to the family on {RulesText.Date(sent, c.Site)}")
            : Item("instructions", rule, ChecklistItemStatus.Pending, "Fasting instructions not yet sent");
    }

    // What several rules read: the planned time, the reference time for "recent", age, sedation, guidance.
    private sealed class Context
    {
        public Context(Episode episode, ProcedureDefinition procedure, DateTimeOffset now, int adultAge, SiteTime? site)
        {
            Episode = episode;
            Procedure = procedure;
            Now = now;
            Site = site;
            Planned = episode.Appointment is { Status: not AppointmentStatus.Cancelled } appointment ? appointment.Start : null;
            Reference = Planned is { } p && p > now ? p : now;
            Age = episode.Patient.AgeYearsOn(site?.DayOf(Reference) ?? DateOnly.FromDateTime(Reference.Date));
            IsAdult = Age >= adultAge;
            Sedation = episode.Assessment?.PlannedSedation ?? episode.Referral.PlannedSedation;
            Guidance = episode.Referral.Guidance is { } g ? [g] : procedure.Guidance;
        }

        public Episode Episode { get; }

        public ProcedureDefinition Procedure { get; }

        public DateTimeOffset Now { get; }

        // The clock of the messages' times (null: each instant's own offset).
        public SiteTime? Site { get; }

        public DateTimeOffset? Planned { get; }

        // Results and weights must still be recent at the planned start (or now, when not booked or already past).
        public DateTimeOffset Reference { get; }

        public int Age { get; }

        public bool IsAdult { get; }

        public SedationLevel? Sedation { get; }

        public IReadOnlyList<GuidanceModality> Guidance { get; }

        public LabResult? Latest(LabTest test) =>
            Episode.Labs.Where(l => l.Test == test && l.CollectedAt <= Now).MaxBy(l => l.CollectedAt);
    }
}
