using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Registration;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Confirmation;

/// <summary>
/// Ablation confirmation: the post-ablation contrast CT is registered rigidly to the planning CT around the organ,
/// resampled onto the planning grid, the non-enhancing zone is segmented from the seeds, and the achieved margin
/// around the planning tumor is measured with <see cref="AblationMargins"/>.
/// </summary>
/// <remarks>
/// The minimal ablative margin is the strongest predictor of local tumor progression after thermal ablation of liver
/// tumors (Laimer et al., Eur Radiol 2021;31:6489–6499; Kaye et al., Eur Radiol 2019, doi:10.1007/s00330-018-5809-0).
/// </remarks>
public static class AblationConfirmation
{
    /// <summary>Confirms an ablation.</summary>
    /// <param name="planningCt">The planning CT (HU): the fixed image.</param>
    /// <param name="planningLabels">Its label map with the tumor and the organ.</param>
    /// <param name="postCt">The post-ablation contrast CT (HU), on its own grid.</param>
    /// <param name="seeds">Points inside the zone in planning space (probe tips); empty uses the tumor's centroid.</param>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <exception cref="PlanningException">
    /// Labels off the planning grid, no tumor or organ, images that cannot be registered (no overlap, no contrast), or no
    /// zone to segment.
    /// </exception>
    public static AblationConfirmationResult Confirm(
        Volume<short> planningCt, Volume<byte> planningLabels, Volume<short> postCt, IReadOnlyList<WorldPoint> seeds, AblationConfirmationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(planningCt);
        ArgumentNullException.ThrowIfNull(planningLabels);
        ArgumentNullException.ThrowIfNull(postCt);
        ArgumentNullException.ThrowIfNull(seeds);
        options ??= new AblationConfirmationOptions();
        if (planningLabels.Geometry != planningCt.Geometry)
        {
            throw new PlanningException("The planning label map is not on the planning CT's grid.");
        }

        var geometry = planningCt.Geometry;
        var region = RegionOfInterest(planningLabels, options.Organ, options.RegionMarginMm);
        RigidRegistrationResult registration;
        try
        {
            registration = RigidRegistration.Register(planningCt, postCt, options.Registration with { FixedMask = region });
        }
        catch (ArgumentException e)
        {
            throw new PlanningException($"The post-ablation CT could not be registered to the planning CT: {e.Message}", e);
        }

        var registered = RigidRegistration.Resample(postCt, registration.Transform, geometry);
        var seedPoints = seeds.Count > 0 ? seeds : [Centroid(planningLabels, options.Target)];
        var segmentation = AblationZoneSegmentation.Segment(registered, planningLabels, seedPoints, options.Segmentation with { Organ = options.Organ });
        var margins = AblationMargins.Compute(planningLabels, options.Target, segmentation.Zone.Lethal);
        return new AblationConfirmationResult(registration, registered, segmentation, margins);
    }

    private static Volume<byte> RegionOfInterest(Volume<byte> labels, TissueLabel organ, double marginMm)
    {
        var g = labels.Geometry;
        var value = (byte)organ;
        int loI = int.MaxValue, loJ = int.MaxValue, loK = int.MaxValue, hiI = -1, hiJ = -1, hiK = -1;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            if (labels.Voxels[n] == value)
            {
                var v = g.VoxelAt(n);
                (loI, loJ, loK) = (Math.Min(loI, v.I), Math.Min(loJ, v.J), Math.Min(loK, v.K));
                (hiI, hiJ, hiK) = (Math.Max(hiI, v.I), Math.Max(hiJ, v.J), Math.Max(hiK, v.K));
            }
        }

        if (hiI < 0)
        {
            throw new PlanningException($"The planning label map has no {organ} to register around.");
        }

        int gi = (int)Math.Ceiling(marginMm / g.SpacingI), gj = (int)Math.Ceiling(marginMm / g.SpacingJ), gk = (int)Math.Ceiling(marginMm / g.SpacingK);
        (loI, loJ, loK) = (Math.Max(0, loI - gi), Math.Max(0, loJ - gj), Math.Max(0, loK - gk));
        (hiI, hiJ, hiK) = (Math.Min(g.SizeI - 1, hiI + gi), Math.Min(g.SizeJ - 1, hiJ + gj), Math.Min(g.SizeK - 1, hiK + gk));
        var mask = new Volume<byte>(g);
        for (var k = loK; k <= hiK; k++)
        {
            for (var j = loJ; j <= hiJ; j++)
            {
                mask.Voxels.AsSpan(g.LinearIndex(loI, j, k), hiI - loI + 1).Fill(1);
            }
        }

        return mask;
    }

    private static WorldPoint Centroid(Volume<byte> labels, TissueLabel target)
    {
        var g = labels.Geometry;
        var value = (byte)target;
        double x = 0, y = 0, z = 0;
        long count = 0;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            if (labels.Voxels[n] == value)
            {
                var p = g.IndexToWorld(g.VoxelAt(n));
                (x, y, z) = (x + p.X, y + p.Y, z + p.Z);
                count++;
            }
        }

        return count == 0
            ? throw new PlanningException($"The planning label map has no {target} voxels: give the probe tips as seeds.")
            : new WorldPoint(x / count, y / count, z / count);
    }
}
