using System.Text.Json;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Registration;
using Seldinger.Planning.Ablation.Confirmation;
using Seldinger.Planning.Plans;
using Seldinger.Server.Contracts;

namespace Seldinger.Server.Services;

/// <summary>
/// Confirms a stored ablation plan on a post-ablation CT (an imported series, or one synthesised from the plan's zone
/// with a known patient motion): registers it to the planning CT, segments the zone, measures the achieved margin and
/// keeps the last confirmation (and its segmented zone, the overlay's <c>achieved</c> layer) with the plan.
/// </summary>
public sealed class AblationConfirmationService(AblationPlanService plans, VolumeCache volumes, AblationPlanFiles files)
{
    /// <summary>Largest simulated rotation about each axis (degrees).</summary>
    public const double MaxRotationDeg = 30;

    /// <summary>Largest simulated translation along each axis (mm).</summary>
    public const double MaxTranslationMm = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Confirms the plan and stores the result.</summary>
    /// <exception cref="RequestFieldException">Neither or both of postSeriesUid and simulate, or a value out of range.</exception>
    /// <exception cref="ViewRequestException">404: no such plan, not an ablation plan, or the series is gone.</exception>
    /// <exception cref="PlanningException">The images cannot be registered or no zone is visible.</exception>
    public async Task<AblationConfirmationDto> ConfirmAsync(Guid planId, AblationConfirmRequest? request, CancellationToken cancellationToken)
    {
        if (request is null || (request.PostSeriesUid is null) == (request.Simulate is null))
        {
            throw new RequestFieldException("postSeriesUid", "The request needs either postSeriesUid (an imported post-ablation CT) or simulate {rotationDeg, translationMm, seed}, not both.");
        }

        var (record, _) = await plans.FindAsync(planId, cancellationToken);
        var plan = ProcedurePlan.FromJson(record.PlanJson);
        var uid = record.SeriesInstanceUid ?? throw new ViewRequestException($"Plan {planId} has no series.", StatusCodes.Status404NotFound);
        var ct = await volumes.GetHounsfieldAsync(uid, cancellationToken);
        var labels = await volumes.GetLabelsAsync(uid, cancellationToken);
        if (ct is null || labels is null)
        {
            throw new ViewRequestException($"The series {uid} of plan {planId} or its label map is no longer in the store.", StatusCodes.Status404NotFound);
        }

        // The store keeps the label map on the CT's grid (same size); geometry read back from DICOM and from NRRD can
        // differ in the last digits, so the CT is taken on the label map's geometry.
        if (ct.Geometry != labels.Geometry && ct.Voxels.Length == labels.Voxels.Length)
        {
            ct = new Volume<short>(labels.Geometry, ct.Voxels);
        }

        Volume<short> post;
        if (request.Simulate is { } simulate)
        {
            var rotation = Triple(simulate.RotationDeg, "simulate.rotationDeg", MaxRotationDeg);
            var translation = Triple(simulate.TranslationMm, "simulate.translationMm", MaxTranslationMm);
            var zone = await plans.ZoneAsync(planId, cancellationToken);
            var centre = plan.Target ?? ct.Geometry.IndexToWorld(new ContinuousIndex((ct.Geometry.SizeI - 1) / 2.0, (ct.Geometry.SizeJ - 1) / 2.0, (ct.Geometry.SizeK - 1) / 2.0));
            var motion = RigidTransform.FromEulerAngles(centre, Radians(rotation.X), Radians(rotation.Y), Radians(rotation.Z), translation);
            var lethal = new Volume<byte>(zone.Geometry);
            for (var n = 0; n < lethal.Voxels.Length; n++)
            {
                lethal.Voxels[n] = (byte)(zone.Voxels[n] & 1);
            }

            post = await Task.Run(() => PostAblationCtSynthesis.Synthesize(ct, labels, lethal, motion, simulate.Seed ?? 1, PostAblationCtParameters.Default()), cancellationToken);
        }
        else
        {
            post = await volumes.GetHounsfieldAsync(request.PostSeriesUid!, cancellationToken)
                ?? throw new RequestFieldException("postSeriesUid", $"No series has UID {request.PostSeriesUid}; import the post-ablation CT first.");
        }

        var seeds = plan.Ablation?.Probes.Select(p => p.Tip).ToList() ?? [];
        var result = await Task.Run(() => AblationConfirmation.Confirm(ct, labels, post, seeds), cancellationToken);
        var registration = result.Registration;
        var at = result.MinimalMarginAt;
        var dto = new AblationConfirmationDto(
            result.MinimalMarginMm,
            new PointDto(at.X, at.Y, at.Z),
            result.TargetCoveredFraction,
            result.ZoneVolumeMl,
            plan.Ablation?.MinimalMarginMm,
            new AblationRegistrationDto(
                registration.Metric.ToString(),
                registration.FinalMetric,
                registration.Levels.Sum(l => l.Iterations),
                registration.ConvergenceDisplacementMm,
                registration.Transform.ToMatrix4x4()),
            request.PostSeriesUid);
        await Task.Run(() => files.WriteConfirmation(planId, JsonSerializer.Serialize(dto, Json), result.Zone.Lethal), cancellationToken);
        return dto;
    }

    /// <summary>The last confirmation of a plan.</summary>
    /// <exception cref="ViewRequestException">404: no such ablation plan, or it has not been confirmed.</exception>
    public async Task<AblationConfirmationDto> LastAsync(Guid planId, CancellationToken cancellationToken)
    {
        await plans.FindAsync(planId, cancellationToken);
        var text = files.ReadConfirmation(planId)
            ?? throw new ViewRequestException($"Plan {planId} has not been confirmed yet.", StatusCodes.Status404NotFound);
        return JsonSerializer.Deserialize<AblationConfirmationDto>(text, Json)!;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static Vector3D Triple(PointInput? input, string field, double limit)
    {
        if (input is null)
        {
            return Vector3D.Zero;
        }

        return new Vector3D(Value(input.X, field + ".x", limit), Value(input.Y, field + ".y", limit), Value(input.Z, field + ".z", limit));
    }

    private static double Value(double? value, string field, double limit) => value switch
    {
        null => 0,
        { } v when !(Math.Abs(v) <= limit) => throw new RequestFieldException(field, $"{field} must be a number from −{limit} to {limit}."),
        { } v => v,
    };
}
