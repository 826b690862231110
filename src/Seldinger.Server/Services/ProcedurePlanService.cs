using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning;
using Seldinger.Planning.Plans;
using Seldinger.Server.Contracts;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Services;

/// <summary>
/// Plans any catalogue procedure on a stored case and keeps the plan with what it was made from; re-runs a
/// stored plan from its inputs and says what changed. The planners are pure functions of their input; this
/// service gathers that input from the store (labels, CT, landmarks, weight, age, target).
/// </summary>
public sealed class ProcedurePlanService(
    SeldingerDbContext db, VolumeCache volumes, ProcedureCatalogueSource catalogues, TimeProvider clock, AblationPlanService ablation)
{
    /// <summary>Largest coordinate accepted in a request, mm.</summary>
    public const double MaxCoordinate = 1e6;

    /// <summary>How many differing plan fields a re-run lists at most.</summary>
    public const int MaxDifferences = 12;

    private static readonly JsonSerializerOptions InputJson = new(JsonSerializerDefaults.Web);

    /// <summary>The planners given the CT in Hounsfield units besides the label map (vessel segmentation, densities).</summary>
    public static IReadOnlySet<string> PlannersReadingIntensities { get; } =
        new HashSet<string>(["angiography", "vascular-access", "malformation"], StringComparer.Ordinal);

    /// <summary>Checks a plan request's procedure and points.</summary>
    /// <exception cref="RequestFieldException">A field is missing or invalid; the message names it (and lists valid procedure ids).</exception>
    public static (ProcedureDefinition Procedure, WorldPoint? Target, WorldPoint? ManualEntry) Validate(CreatePlanRequest? request, ProcedureCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (request is null)
        {
            throw new RequestFieldException("procedureId", "The request needs a JSON body with procedureId (and optionally target and manualEntry).");
        }

        if (string.IsNullOrWhiteSpace(request.ProcedureId))
        {
            throw new RequestFieldException("procedureId", $"procedureId is required; valid ids: {ValidIds(catalogue)}.");
        }

        var procedure = catalogue.Find(request.ProcedureId)
            ?? throw new RequestFieldException("procedureId", $"procedureId '{request.ProcedureId}' is not in the catalogue; valid ids: {ValidIds(catalogue)}.");
        return (procedure, ToPoint(request.Target, "target"), ToPoint(request.ManualEntry, "manualEntry"));
    }

    /// <summary>The catalogue's procedure ids, comma separated.</summary>
    public static string ValidIds(ProcedureCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return string.Join(", ", catalogue.Procedures.Select(p => p.Id));
    }

    /// <summary>Plans a procedure on a case and stores the plan; null when the case does not exist.</summary>
    /// <exception cref="RequestFieldException">The request is invalid (unknown procedure, a point outside the volume…).</exception>
    /// <exception cref="PlanningException">The case cannot be planned as asked; the message says why.</exception>
    public async Task<StoredPlanDto?> PlanAsync(Guid caseId, CreatePlanRequest? request, CancellationToken cancellationToken)
    {
        var catalogue = catalogues.Load();
        var (procedure, target, manualEntry) = Validate(request, catalogue);
        if (Planning.Ablation.AblationPlanner.IsAblation(procedure))
        {
            // Ablations plan through the ablation service (device, probes, zone maps) with its defaults.
            return await ablation.PlanAsync(caseId, new AblationPlanRequest(procedure.Id), cancellationToken);
        }

        var patientCase = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (patientCase is null)
        {
            return null;
        }

        var inputs = new PlanInputsDto(target ?? await CaseTargetForAsync(patientCase, procedure, cancellationToken),
            manualEntry, patientCase.WeightKg, patientCase.AgeYears);
        var (plan, labelsDigest) = await RunAsync(patientCase, procedure, catalogue, inputs, cancellationToken);
        var record = new ProcedurePlanRecord
        {
            Id = Guid.NewGuid(),
            CaseId = caseId,
            ProcedureId = procedure.Id,
            Planner = plan.Planner,
            Method = plan.Method,
            CreatedAt = clock.GetUtcNow(),
            SeriesInstanceUid = patientCase.SeriesInstanceUid,
            LabelsDigest = labelsDigest,
            CatalogueVersion = plan.CatalogueVersion,
            CatalogueDigest = plan.CatalogueDigest,
            InputsJson = JsonSerializer.Serialize(inputs, InputJson),
            PlanJson = plan.ToJson(),
            Feasible = plan.Feasible,
        };

        // One SaveChanges is one transaction: the record and the case's status are stored together or not at all.
        db.ProcedurePlans.Add(record);
        patientCase.Status = plan.Feasible ? "planned" : "plan needs review";
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(record, includePlan: true);
    }

    /// <summary>A case's plans, newest first, without the plan bodies; null when the case does not exist.</summary>
    public async Task<List<StoredPlanDto>?> ListAsync(Guid caseId, CancellationToken cancellationToken)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            return null;
        }

        var records = await db.ProcedurePlans.AsNoTracking().Where(p => p.CaseId == caseId).ToListAsync(cancellationToken);
        return [.. records.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => ToDto(p, includePlan: false))];
    }

    /// <summary>A stored plan, or null.</summary>
    public async Task<ProcedurePlanRecord?> FindAsync(Guid planId, CancellationToken cancellationToken) =>
        await db.ProcedurePlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);

    /// <summary>Plans again from a stored plan's inputs with the current catalogue and labels; null when the plan does not exist.</summary>
    /// <exception cref="PlanningException">The plan cannot be made again (procedure gone from the catalogue, series gone…).</exception>
    public async Task<PlanRerunDto?> RerunAsync(Guid planId, CancellationToken cancellationToken)
    {
        var record = await FindAsync(planId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var patientCase = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == record.CaseId, cancellationToken)
            ?? throw new PlanningException("The plan's case no longer exists.");
        var catalogue = catalogues.Load();
        var procedure = catalogue.Find(record.ProcedureId)
            ?? throw new PlanningException($"The procedure {record.ProcedureId} is no longer in the catalogue; valid ids: {ValidIds(catalogue)}.");
        var inputs = InputsOf(record);
        var (plan, labelsDigest) = Planning.Ablation.AblationPlanner.IsAblation(procedure)
            ? await ablation.RerunAsync(record, patientCase, procedure, catalogue, cancellationToken)
            : await RunAsync(patientCase, procedure, catalogue, inputs, cancellationToken);

        var differences = new List<string>();
        if (catalogue.Version != record.CatalogueVersion)
        {
            differences.Add($"The catalogue format changed from version {record.CatalogueVersion} to {catalogue.Version}.");
        }

        if (!string.Equals(plan.CatalogueDigest, record.CatalogueDigest, StringComparison.Ordinal))
        {
            differences.Add($"The procedure catalogue changed since the plan was made (digest {Short(record.CatalogueDigest)}… then, {Short(plan.CatalogueDigest)}… now).");
        }

        if (!string.Equals(patientCase.SeriesInstanceUid, record.SeriesInstanceUid, StringComparison.Ordinal))
        {
            differences.Add($"The case is now planned on series {patientCase.SeriesInstanceUid}, not {record.SeriesInstanceUid}.");
        }
        else if (!string.Equals(labelsDigest, record.LabelsDigest, StringComparison.Ordinal))
        {
            differences.Add($"The label map of the series changed since the plan was made (digest {Short(record.LabelsDigest)}… then, {Short(labelsDigest)}… now).");
        }

        differences.AddRange(PlanComparison.Differences(record.PlanJson, plan.ToJson(), MaxDifferences));
        return new PlanRerunDto(differences.Count == 0, differences, plan);
    }

    /// <summary>The stored inputs of a plan.</summary>
    public static PlanInputsDto InputsOf(ProcedurePlanRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.Deserialize<PlanInputsDto>(record.InputsJson, InputJson) ?? new PlanInputsDto(null, null, null, null);
    }

    /// <summary>The API form of a stored plan.</summary>
    public static StoredPlanDto ToDto(ProcedurePlanRecord record, bool includePlan)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new StoredPlanDto(
            record.Id, record.CaseId, record.CreatedAt, record.ProcedureId, record.Planner, record.Method, record.Feasible,
            record.SeriesInstanceUid, record.LabelsDigest, record.CatalogueVersion, record.CatalogueDigest, InputsOf(record),
            includePlan ? ProcedurePlan.FromJson(record.PlanJson) : null);
    }

    /// <summary>The procedures whose targets occur in a case's labels; null when the case does not exist.</summary>
    public async Task<List<CaseProcedureDto>?> ProceduresAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var patientCase = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (patientCase is null)
        {
            return null;
        }

        var catalogue = catalogues.Load();
        var present = new bool[256];
        if (patientCase.SeriesInstanceUid is { } uid && await volumes.GetLabelsAsync(uid, cancellationToken) is { } labels)
        {
            await Task.Run(() => MarkPresent(labels.Voxels, present), cancellationToken);
        }

        var suggested = patientCase.LibraryCase is { } library ? LibraryCaseService.ProceduresFor(catalogue, library) : [];
        return [.. catalogue.Procedures.Where(p => p.Targets.Any(t => present[(byte)t])).Select(p => new CaseProcedureDto(
            p.Id, p.Name, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Route.ToString()), PlannerName(p), suggested.Contains(p.Id)))];
    }

    /// <summary>
    /// The case's target when <see cref="ProcedurePlanner.UsesCaseTarget"/> says it is the procedure's; otherwise none,
    /// so that the planner chooses its own.
    /// </summary>
    private async Task<WorldPoint?> CaseTargetForAsync(PatientCase patientCase, ProcedureDefinition procedure, CancellationToken cancellationToken)
    {
        if (ProcedurePlanner.ChoosesOwnTarget(procedure))
        {
            return null;
        }

        if (CasePlanningService.TargetOf(patientCase) is not { } target || patientCase.SeriesInstanceUid is not { } uid
            || await volumes.GetLabelsAsync(uid, cancellationToken) is not { } labels)
        {
            return CasePlanningService.TargetOf(patientCase);
        }

        var g = labels.Geometry;
        return g.TryGetVoxel(target, out var v) && ProcedurePlanner.UsesCaseTarget(procedure, labels.Voxels[v.I + (g.SizeI * (v.J + (g.SizeJ * v.K)))])
            ? target
            : null;
    }

    private static string PlannerName(ProcedureDefinition procedure)
    {
        try
        {
            return ProcedurePlanner.PlannerFor(procedure);
        }
        catch (PlanningException)
        {
            return "none";
        }
    }

    private static void MarkPresent(byte[] voxels, bool[] present)
    {
        foreach (var v in voxels)
        {
            present[v] = true;
        }
    }

    private async Task<(ProcedurePlan Plan, string LabelsDigest)> RunAsync(
        PatientCase patientCase, ProcedureDefinition procedure, ProcedureCatalogue catalogue, PlanInputsDto inputs, CancellationToken cancellationToken)
    {
        if (patientCase.SeriesInstanceUid is not { } uid)
        {
            throw new PlanningException("The case has no planning series.");
        }

        var labels = await volumes.GetLabelsAsync(uid, cancellationToken)
            ?? throw new PlanningException("The case's series has no label map of the structures; import or generate one first.");
        CheckInside(labels.Geometry, inputs.Target, "target");
        CheckInside(labels.Geometry, inputs.ManualEntry, "manualEntry");

        // The CT is on the label map's grid (the store refuses a label map of another size). Only the planners that
        // segment vessels or read densities get it: reading a series costs more than the needle search itself.
        var hounsfield = PlannersReadingIntensities.Contains(ProcedurePlanner.PlannerFor(procedure))
            ? await volumes.GetHounsfieldAsync(uid, cancellationToken)
            : null;
        if (hounsfield is not null && hounsfield.Voxels.Length != labels.Voxels.Length)
        {
            hounsfield = null;
        }

        var input = new PlanningInput
        {
            Labels = labels,
            Hounsfield = hounsfield,
            Procedure = procedure,
            Catalogue = catalogue,
            Target = inputs.Target,
            ManualEntry = inputs.ManualEntry,
            Landmarks = LibraryCaseService.LandmarksOf(patientCase),
            WeightKg = inputs.WeightKg,
            AgeYears = inputs.AgeYears,
        };

        // The planners are CPU-bound and take no token: cancellation stops the request from waiting or storing.
        var planning = Task.Run(() => (ProcedurePlanner.Plan(input), LabelMapDigest.Compute(labels)), cancellationToken);
        return await planning.WaitAsync(cancellationToken);
    }

    private static void CheckInside(VolumeGeometry geometry, WorldPoint? point, string field)
    {
        if (point is { } p && !geometry.Contains(geometry.WorldToIndex(p)))
        {
            throw new RequestFieldException(field, $"{field} {p} lies outside the case's image volume.");
        }
    }

    private static WorldPoint? ToPoint(PointInput? input, string field)
    {
        if (input is null)
        {
            return null;
        }

        return new WorldPoint(Coordinate(input.X, field + ".x"), Coordinate(input.Y, field + ".y"), Coordinate(input.Z, field + ".z"));
    }

    private static double Coordinate(double? value, string field) => value switch
    {
        null => throw new RequestFieldException(field, $"{field} is missing; a point needs x, y and z in millimetres (LPS)."),
        { } v when !(Math.Abs(v) <= MaxCoordinate) => throw new RequestFieldException(field, $"{field} must be a finite number of at most {MaxCoordinate:0} mm in magnitude."),
        { } v => v,
    };

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] : digest;
}
