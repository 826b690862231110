using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seldinger.Imaging;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Meshes;
using Seldinger.Planning;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Plans;
using Seldinger.Server.Contracts;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Services;

/// <summary>
/// Ablation plans on stored cases: checks a request against the catalogue and the device library, plans with
/// <see cref="AblationPlanner"/>, stores the plan like any procedure plan and its zone and margin maps beside it
/// (<see cref="AblationPlanFiles"/>), and serves the maps, overlays and meshes of a stored plan.
/// </summary>
public sealed class AblationPlanService(
    SeldingerDbContext db, VolumeCache volumes, ProcedureCatalogueSource catalogues, AblationPlanFiles files, TimeProvider clock)
{
    /// <summary>Most probes a request may ask for.</summary>
    public const int MaxProbeCount = 8;

    private static readonly JsonSerializerOptions InputJson = new(JsonSerializerDefaults.Web);

    /// <summary>The device library the server plans with (the embedded one).</summary>
    public static AblationDeviceLibrary Library => AblationDeviceLibrary.LoadDefault();

    /// <summary>The device library as the API shows it, with the default device of every ablation procedure of the catalogue.</summary>
    public AblationDevicesDto Devices()
    {
        var library = Library;
        var catalogue = catalogues.Load();
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var procedure in catalogue.Procedures.Where(AblationPlanner.IsAblation))
        {
            if (DefaultDevice(library, procedure.Id) is { } device)
            {
                defaults[procedure.Id] = device.Id;
            }
        }

        foreach (var (procedureId, deviceId) in library.Defaults)
        {
            defaults.TryAdd(procedureId, deviceId);
        }

        return new AblationDevicesDto(library.Version, library.Devices, library.Sources, defaults);
    }

    /// <summary>The device planned with for an ablation procedure when none is asked, or null when the library has none.</summary>
    public static AblationDevice? DefaultDevice(AblationDeviceLibrary library, string procedureId)
    {
        ArgumentNullException.ThrowIfNull(library);
        try
        {
            return library.DefaultDeviceFor(procedureId);
        }
        catch (PlanningException)
        {
            return null;
        }
    }

    /// <summary>
    /// Checks a request: an ablation procedure of the catalogue, a known device and setting, a probe count and model in
    /// range, finite probe points. Points are checked against the volume when the case is planned.
    /// </summary>
    /// <exception cref="RequestFieldException">A field is missing or invalid; the message names it and what is valid.</exception>
    public static ProcedureDefinition Validate(AblationPlanRequest? request, ProcedureCatalogue catalogue, AblationDeviceLibrary library)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(library);
        if (request is null)
        {
            throw new RequestFieldException("procedureId", "The request needs a JSON body with procedureId (and optionally deviceId, settingId, probeCount, maxProbes, model, marginMm, manualProbes).");
        }

        var ablationIds = string.Join(", ", catalogue.Procedures.Where(AblationPlanner.IsAblation).Select(p => p.Id));
        if (string.IsNullOrWhiteSpace(request.ProcedureId))
        {
            throw new RequestFieldException("procedureId", $"procedureId is required; ablation procedures: {ablationIds}.");
        }

        var procedure = catalogue.Find(request.ProcedureId)
            ?? throw new RequestFieldException("procedureId", $"procedureId '{request.ProcedureId}' is not in the catalogue; ablation procedures: {ablationIds}.");
        if (!AblationPlanner.IsAblation(procedure))
        {
            throw new RequestFieldException("procedureId", $"{procedure.Id} is not an ablation; ablation procedures: {ablationIds}.");
        }

        var device = request.DeviceId is null ? DefaultDevice(library, procedure.Id) : FindDevice(library, request.DeviceId, "deviceId");
        if (device is not null && device.Modality != AblationPlanner.ModalityOf(procedure))
        {
            throw new RequestFieldException("deviceId", $"{device.Id} is a {device.Modality} device; {procedure.Id} needs a {AblationPlanner.ModalityOf(procedure)} device.");
        }

        if (request.SettingId is not null)
        {
            if (device is null)
            {
                throw new RequestFieldException("settingId", "settingId needs a deviceId: the library has no default device for this procedure.");
            }

            CheckSetting(device, request.SettingId, "settingId");
        }

        CheckCount(request.ProbeCount, "probeCount");
        CheckCount(request.MaxProbes, "maxProbes");
        _ = ModelOf(request.Model);
        if (request.MarginMm is { } margin && !(margin >= 0 && margin <= AblationMargins.ReachMm))
        {
            throw new RequestFieldException("marginMm", $"marginMm must be from 0 to {AblationMargins.ReachMm} mm.");
        }

        if (request.ManualProbes is { } manual)
        {
            if (manual.Count is 0 or > MaxProbeCount)
            {
                throw new RequestFieldException("manualProbes", $"manualProbes must hold 1 to {MaxProbeCount} probes.");
            }

            for (var n = 0; n < manual.Count; n++)
            {
                var field = $"manualProbes[{n}]";
                var probe = manual[n] ?? throw new RequestFieldException(field, $"{field} is null.");
                var probeDevice = FindDevice(library, probe.DeviceId, field + ".deviceId");
                CheckSetting(probeDevice, probe.SettingId, field + ".settingId");
                var entry = ToPoint(probe.Entry, field + ".entry");
                var tip = ToPoint(probe.Tip, field + ".tip");
                if (entry.DistanceTo(tip) < 1)
                {
                    throw new RequestFieldException(field + ".tip", $"{field}: entry and tip must be at least 1 mm apart.");
                }
            }
        }

        return procedure;
    }

    /// <summary>The planner options a validated request asks for.</summary>
    public static AblationPlanOptions OptionsOf(AblationPlanRequest request, AblationDeviceLibrary library)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new AblationPlanOptions
        {
            DeviceId = request.DeviceId,
            SettingId = request.SettingId,
            ProbeCount = request.ProbeCount,
            Model = ModelOf(request.Model),
            MarginMm = request.MarginMm,
            Devices = library,
            ManualProbes = request.ManualProbes is { } manual
                ? [.. manual.Select((p, n) => new AblationProbe(p.DeviceId!, p.SettingId!, ToPoint(p.Entry, $"manualProbes[{n}].entry"), ToPoint(p.Tip, $"manualProbes[{n}].tip")))]
                : null,
        };
        return request.MaxProbes is { } max ? options with { MaxProbes = max } : options;
    }

    /// <summary>The zone model a request names (<c>table</c>, the default, or <c>bioheat</c>).</summary>
    /// <exception cref="RequestFieldException">Another name.</exception>
    public static AblationZoneModelKind ModelOf(string? model) => model?.ToLowerInvariant() switch
    {
        null or "table" => AblationZoneModelKind.Table,
        "bioheat" => AblationZoneModelKind.Bioheat,
        _ => throw new RequestFieldException("model", $"model must be table or bioheat, not '{model}'."),
    };

    /// <summary>Plans an ablation on a case and stores it with its zone maps; null when the case does not exist.</summary>
    /// <exception cref="RequestFieldException">The request is invalid.</exception>
    /// <exception cref="PlanningException">The case cannot be planned as asked; the message says why.</exception>
    public async Task<StoredPlanDto?> PlanAsync(Guid caseId, AblationPlanRequest? request, CancellationToken cancellationToken)
    {
        var catalogue = catalogues.Load();
        var library = Library;
        var procedure = Validate(request, catalogue, library);
        var patientCase = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (patientCase is null)
        {
            return null;
        }

        var (outcome, labelsDigest, target) = await RunAsync(patientCase, procedure, catalogue, request!, library, cancellationToken);
        var plan = outcome.Plan;
        var inputs = new PlanInputsDto(target, null, patientCase.WeightKg, patientCase.AgeYears);
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

        // The maps first: a stored plan always has its files (an orphaned folder without a record is harmless).
        await Task.Run(() => files.Write(record.Id, outcome.Zone, outcome.Evaluation.Margins.MarginMap, request!), cancellationToken);
        db.ProcedurePlans.Add(record);
        patientCase.Status = plan.Feasible ? "planned" : "plan needs review";
        await db.SaveChangesAsync(cancellationToken);
        return ProcedurePlanService.ToDto(record, includePlan: true);
    }

    /// <summary>Plans a stored ablation plan again from its stored request, with the current catalogue and labels.</summary>
    /// <exception cref="PlanningException">The plan cannot be made again.</exception>
    public async Task<(ProcedurePlan Plan, string LabelsDigest)> RerunAsync(
        ProcedurePlanRecord record, PatientCase patientCase, ProcedureDefinition procedure, ProcedureCatalogue catalogue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var request = files.ReadState(record.Id)?.Request ?? new AblationPlanRequest(procedure.Id);
        var library = Library;
        try
        {
            Validate(request, catalogue, library);
        }
        catch (RequestFieldException ex)
        {
            throw new PlanningException($"The stored ablation options no longer apply: {ex.Message}");
        }

        var (outcome, digest, _) = await RunAsync(patientCase, procedure, catalogue, request, library, cancellationToken);
        return (outcome.Plan, digest);
    }

    /// <summary>A stored ablation plan and its state.</summary>
    /// <exception cref="ViewRequestException">404: no such plan, or it is not an ablation plan.</exception>
    public async Task<(ProcedurePlanRecord Record, AblationStoredState State)> FindAsync(Guid planId, CancellationToken cancellationToken)
    {
        var record = await db.ProcedurePlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
            ?? throw new ViewRequestException($"No plan has id {planId}.", StatusCodes.Status404NotFound);
        var state = files.Exists(planId) ? files.ReadState(planId) : null;
        return state is null
            ? throw new ViewRequestException($"Plan {planId} is not an ablation plan (it has no zone maps).", StatusCodes.Status404NotFound)
            : (record, state);
    }

    /// <summary>The zone map of a stored plan (bit 0 lethal, bit n the n-th isotherm).</summary>
    public async Task<Volume<byte>> ZoneAsync(Guid planId, CancellationToken cancellationToken)
    {
        await FindAsync(planId, cancellationToken);
        return await Task.Run(() => NrrdLabelMap.Read(files.ZonePath(planId)), cancellationToken);
    }

    /// <summary>The path of a stored plan's zone or margin NRRD file.</summary>
    public async Task<string> FilePathAsync(Guid planId, bool margin, CancellationToken cancellationToken)
    {
        await FindAsync(planId, cancellationToken);
        return margin ? files.MarginPath(planId) : files.ZonePath(planId);
    }

    /// <summary>The overlay of a stored plan on a standard plane of its series (the reslice endpoint's pixel grid).</summary>
    /// <exception cref="ViewRequestException">Unknown plane, index or layer (400), or plan or series gone (404).</exception>
    public async Task<(AblationOverlayImage Image, ViewPlaneDto Plane)> OverlayAsync(
        Guid planId, string kind, int? index, double? pixel, string? layers, CancellationToken cancellationToken)
    {
        kind = kind.ToLowerInvariant();
        if (!ViewPlanes.IsStandard(kind))
        {
            throw new ViewRequestException($"Unknown plane '{kind}'; use axial, coronal or sagittal.", StatusCodes.Status404NotFound);
        }

        var shown = AblationOverlay.ParseLayers(layers);
        var (record, state) = await FindAsync(planId, cancellationToken);
        var uid = record.SeriesInstanceUid ?? throw new ViewRequestException($"Plan {planId} has no series.", StatusCodes.Status404NotFound);
        var labels = await volumes.GetLabelsAsync(uid, cancellationToken)
            ?? throw new ViewRequestException($"The series {uid} of plan {planId} or its label map is no longer in the store.", StatusCodes.Status404NotFound);
        var (plane, n, count) = ViewPlanes.Build(kind, new ViewQuery { Index = index, Pixel = pixel }, labels.Geometry, null);
        var image = await Task.Run(() =>
        {
            var zone = NrrdLabelMap.Read(files.ZonePath(planId));
            var margin = shown.Contains(AblationOverlay.MarginLayer) && File.Exists(files.MarginPath(planId)) ? NrrdFloatVolume.Read(files.MarginPath(planId)) : null;
            var achieved = shown.Contains(AblationOverlay.AchievedLayer) && File.Exists(files.AchievedPath(planId)) ? NrrdLabelMap.Read(files.AchievedPath(planId)) : null;
            return AblationOverlay.Render(plane, zone, state.IsothermsCelsius, margin, achieved, shown);
        }, cancellationToken);
        return (image, ViewPlanes.ToDto(kind, plane, n, count, 0, Imaging.Reslicing.SlabProjection.Maximum));
    }

    /// <summary>The zone and isotherm surfaces of a stored plan as binary glTF (nodes <c>zone</c>, <c>isotherm-&lt;t&gt;</c>).</summary>
    public async Task<byte[]> MeshesAsync(Guid planId, CancellationToken cancellationToken)
    {
        var (_, state) = await FindAsync(planId, cancellationToken);
        return await Task.Run(() =>
        {
            var zone = NrrdLabelMap.Read(files.ZonePath(planId));
            var parts = new List<GltfMeshPart>();
            for (var bit = 0; bit <= state.IsothermsCelsius.Count; bit++)
            {
                var mask = new Volume<byte>(zone.Geometry);
                var flag = (byte)(1 << bit);
                for (var n = 0; n < mask.Voxels.Length; n++)
                {
                    mask.Voxels[n] = (zone.Voxels[n] & flag) != 0 ? (byte)1 : (byte)0;
                }

                var mesh = LabelModels.BuildMesh(mask, 1);
                if (mesh.TriangleCount == 0)
                {
                    continue;
                }

                var name = bit == 0 ? "zone" : "isotherm-" + state.IsothermsCelsius[bit - 1].ToString("0.#", CultureInfo.InvariantCulture);
                var colour = bit == 0 ? AblationOverlay.ZoneColour : AblationOverlay.IsothermColour(state.IsothermsCelsius[bit - 1]);
                parts.Add(new GltfMeshPart(name, mesh, colour));
            }

            if (parts.Count == 0)
            {
                throw new ViewRequestException($"The zone of plan {planId} is empty.", StatusCodes.Status404NotFound);
            }

            using var buffer = new MemoryStream();
            GltfBinaryWriter.WriteScene(parts, buffer);
            return buffer.ToArray();
        }, cancellationToken);
    }

    private async Task<(AblationPlanOutcome Outcome, string LabelsDigest, WorldPoint? Target)> RunAsync(
        PatientCase patientCase, ProcedureDefinition procedure, ProcedureCatalogue catalogue, AblationPlanRequest request,
        AblationDeviceLibrary library, CancellationToken cancellationToken)
    {
        if (patientCase.SeriesInstanceUid is not { } uid)
        {
            throw new PlanningException("The case has no planning series.");
        }

        var labels = await volumes.GetLabelsAsync(uid, cancellationToken)
            ?? throw new PlanningException("The case's series has no label map of the structures; import or generate one first.");
        var options = OptionsOf(request, library);
        for (var n = 0; n < (options.ManualProbes?.Count ?? 0); n++)
        {
            CheckInside(labels.Geometry, options.ManualProbes![n].Entry, $"manualProbes[{n}].entry");
            CheckInside(labels.Geometry, options.ManualProbes![n].Tip, $"manualProbes[{n}].tip");
        }

        var target = CasePlanningService.TargetOf(patientCase);
        var g = labels.Geometry;
        if (target is { } t && !(g.TryGetVoxel(t, out var v) && ProcedurePlanner.UsesCaseTarget(procedure, labels.Voxels[g.LinearIndex(v.I, v.J, v.K)])))
        {
            target = null;
        }

        var input = new PlanningInput
        {
            Labels = labels,
            Procedure = procedure,
            Catalogue = catalogue,
            Target = target,
            Landmarks = LibraryCaseService.LandmarksOf(patientCase),
            WeightKg = patientCase.WeightKg,
            AgeYears = patientCase.AgeYears,
        };

        // The planner is CPU-bound; the token stops the wait (and the planner at its checkpoints).
        var planning = Task.Run(() => (AblationPlanner.Plan(input, options, cancellationToken), LabelMapDigest.Compute(labels)), cancellationToken);
        var (outcome, digest) = await planning.WaitAsync(cancellationToken);
        return (outcome, digest, target);
    }

    private static AblationDevice FindDevice(AblationDeviceLibrary library, string? id, string field)
    {
        var known = string.Join(", ", library.Devices.Select(d => d.Id));
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RequestFieldException(field, $"{field} is required; devices: {known}.");
        }

        return library.Devices.FirstOrDefault(d => d.Id == id)
            ?? throw new RequestFieldException(field, $"{field} '{id}' is not in the device library; devices: {known}.");
    }

    private static void CheckSetting(AblationDevice device, string? settingId, string field)
    {
        if (string.IsNullOrWhiteSpace(settingId) || device.Settings.All(s => s.Id != settingId))
        {
            throw new RequestFieldException(field, $"{field} '{settingId}' is not a setting of {device.Id}; settings: {string.Join(", ", device.Settings.Select(s => s.Id))}.");
        }
    }

    private static void CheckCount(int? count, string field)
    {
        if (count is { } c && c is < 1 or > MaxProbeCount)
        {
            throw new RequestFieldException(field, $"{field} must be from 1 to {MaxProbeCount}, not {c}.");
        }
    }

    private static void CheckInside(VolumeGeometry geometry, WorldPoint p, string field)
    {
        if (!geometry.Contains(geometry.WorldToIndex(p)))
        {
            throw new RequestFieldException(field, $"{field} {p} lies outside the case's image volume.");
        }
    }

    private static WorldPoint ToPoint(PointInput? input, string field)
    {
        if (input is null)
        {
            throw new RequestFieldException(field, $"{field} is missing; a point needs x, y and z in millimetres (LPS).");
        }

        return new WorldPoint(Coordinate(input.X, field + ".x"), Coordinate(input.Y, field + ".y"), Coordinate(input.Z, field + ".z"));
    }

    private static double Coordinate(double? value, string field) => value switch
    {
        null => throw new RequestFieldException(field, $"{field} is missing; a point needs x, y and z in millimetres (LPS)."),
        { } v when !(Math.Abs(v) <= ProcedurePlanService.MaxCoordinate) => throw new RequestFieldException(field, $"{field} must be a finite number of at most {ProcedurePlanService.MaxCoordinate:0} mm in magnitude."),
        { } v => v,
    };
}
