using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Services;

/// <summary>Runs the needle planner for a case and stores the result.</summary>
public sealed class CasePlanningService(SeldingerDbContext db, VolumeCache volumes, TimeProvider clock)
{
    /// <summary>
    /// Plans (or, with <paramref name="manualEntry"/>, evaluates) a needle path for a case and
    /// stores it. Throws <see cref="PlanningUnavailableException"/> when the case lacks what planning needs.
    /// </summary>
    public async Task<NeedlePlanRecord?> PlanAsync(
        Guid caseId, WorldPoint? manualEntry, WorldPoint? manualTarget, CancellationToken cancellationToken)
    {
        var patientCase = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (patientCase is null)
        {
            return null;
        }

        if (patientCase.SeriesInstanceUid is null)
        {
            throw new PlanningUnavailableException("The case has no planning series.");
        }

        var labels = await volumes.GetLabelsAsync(patientCase.SeriesInstanceUid, cancellationToken)
            ?? throw new PlanningUnavailableException("The planning series has no label map of the structures to protect.");
        var target = manualTarget ?? TargetOf(patientCase)
            ?? throw new PlanningUnavailableException("The case has no target point.");
        if (!labels.Geometry.Contains(labels.Geometry.WorldToIndex(target).Round()))
        {
            throw new PlanningUnavailableException("The target lies outside the planning volume.");
        }

        var record = await Task.Run(() => Plan(labels, target, manualEntry), cancellationToken);
        record.Id = Guid.NewGuid();
        record.CaseId = caseId;
        record.CreatedAt = clock.GetUtcNow();
        db.NeedlePlans.Add(record);
        patientCase.Status = record.IsSafe ? "planned" : "plan needs review";
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>The case's stored target point, if any.</summary>
    public static WorldPoint? TargetOf(PatientCase patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        return patientCase is { TargetX: { } x, TargetY: { } y, TargetZ: { } z } ? new WorldPoint(x, y, z) : null;
    }

    private static NeedlePlanRecord Plan(Volume<byte> labels, WorldPoint target, WorldPoint? manualEntry)
    {
        var evaluator = new NeedlePathEvaluator(labels, ProtectedStructures.AbdominalBiopsyDefaults);
        if (manualEntry is { } entry)
        {
            return ToRecord(evaluator.Evaluate(new NeedlePath(entry, target)), "manual", 0, new Dictionary<string, int>());
        }

        var plan = EntryPlanner.Plan(labels, target, evaluator, new EntryPlannerOptions());
        if (plan.Ranked.Count == 0)
        {
            throw new PlanningUnavailableException(
                "No safe entry was found: " + string.Join(", ", plan.Rejections.Select(r => $"{r.Key}: {r.Value}")));
        }

        return ToRecord(plan.Ranked[0], "automatic", plan.CandidatesConsidered, plan.Rejections);
    }

    private static NeedlePlanRecord ToRecord(
        NeedlePathEvaluation evaluation, string method, int candidates, IReadOnlyDictionary<string, int> rejections) => new()
        {
            Method = method,
            EntryX = evaluation.Path.Entry.X,
            EntryY = evaluation.Path.Entry.Y,
            EntryZ = evaluation.Path.Entry.Z,
            TargetX = evaluation.Path.Target.X,
            TargetY = evaluation.Path.Target.Y,
            TargetZ = evaluation.Path.Target.Z,
            LengthMm = evaluation.LengthMm,
            InsertionAngleDeg = evaluation.InsertionAngleDeg,
            IsSafe = evaluation.IsSafe,
            CandidatesConsidered = candidates,
            // A protected structure absent from this label map is infinitely far: it has no clearance to list (and JSON has no infinity).
            ClearancesJson = JsonSerializer.Serialize(evaluation.Clearances.Where(c => double.IsFinite(c.MinimumDistanceMm)).Select(c => new StoredClearance(
                c.Structure.Name, c.MinimumDistanceMm, c.Structure.MinimumClearanceMm, c.Crossed, c.ViolatesMargin)).ToList()),
            RejectionsJson = JsonSerializer.Serialize(rejections),
        };
}
