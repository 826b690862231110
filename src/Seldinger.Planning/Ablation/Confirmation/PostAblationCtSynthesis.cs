using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Registration;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Confirmation;

/// <summary>
/// A synthetic post-ablation contrast CT made from a planning CT: the zone's soft tissue becomes non-enhancing
/// coagulation with an optional hyperaemic rim, the organ's enhancement shifts, the patient moves by a known rigid
/// transform and the scan gets its own noise. For tests and demonstrations of <see cref="AblationConfirmation"/>.
/// </summary>
public static class PostAblationCtSynthesis
{
    /// <summary>Makes the post-ablation CT.</summary>
    /// <param name="planningCt">The anatomy before the ablation (HU).</param>
    /// <param name="labels">Its label map (same grid).</param>
    /// <param name="zone">The lethal zone (non-zero inside), same grid, e.g. <see cref="AblationZone.Lethal"/>.</param>
    /// <param name="motion">Where each planning-space point lies in the post-ablation scanner's space (the transform a registration of planning onto post CT recovers).</param>
    /// <param name="noiseSeed">Seed of the scan's noise.</param>
    /// <param name="parameters">Zone appearance, e.g. from <see cref="PostAblationCtParameters.Default"/>.</param>
    /// <param name="outputGeometry">The post CT's grid; null uses the planning grid.</param>
    /// <param name="organ">The organ whose enhancement shifts and that the rim is drawn in.</param>
    /// <exception cref="PlanningException">Inputs on different grids or an empty zone.</exception>
    public static Volume<short> Synthesize(
        Volume<short> planningCt, Volume<byte> labels, Volume<byte> zone, RigidTransform motion, int noiseSeed,
        PostAblationCtParameters parameters, VolumeGeometry? outputGeometry = null, TissueLabel organ = TissueLabel.Liver)
    {
        ArgumentNullException.ThrowIfNull(planningCt);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(parameters);
        var geometry = planningCt.Geometry;
        if (labels.Geometry != geometry || zone.Geometry != geometry)
        {
            throw new PlanningException("The planning CT, its labels and the ablation zone must share one grid.");
        }

        if (!zone.Voxels.AsSpan().ContainsAnyExcept((byte)0))
        {
            throw new PlanningException("The ablation zone is empty: there is nothing to draw on the post-ablation CT.");
        }

        var rimDistance = parameters.RimWidthMm > 0 ? EuclideanDistanceTransform.Compute(zone, v => v != 0) : null;
        var anatomy = new Volume<short>(geometry);
        var organValue = (byte)organ;
        for (var n = 0; n < anatomy.Voxels.Length; n++)
        {
            double value = planningCt.Voxels[n];
            var label = (TissueLabel)labels.Voxels[n];
            if (zone.Voxels[n] != 0 && Coagulates(label))
            {
                value = parameters.CoagulationHu;
            }
            else if (labels.Voxels[n] == organValue)
            {
                value += parameters.ParenchymaShiftHu;
                if (rimDistance is not null && rimDistance.Voxels[n] <= parameters.RimWidthMm)
                {
                    value += parameters.RimEnhancementHu;
                }
            }

            anatomy.Voxels[n] = (short)Math.Clamp(Math.Round(value), -1024, 3071);
        }

        var post = RigidRegistration.Resample(anatomy, motion.Inverse(), outputGeometry ?? geometry);
        if (parameters.NoiseSigmaHu > 0)
        {
            var random = new Random(noiseSeed);
            for (var n = 0; n < post.Voxels.Length; n++)
            {
                // Box–Muller from one seeded stream: the same seed always gives the same scan.
                var u1 = 1 - random.NextDouble();
                var u2 = random.NextDouble();
                var gaussian = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                post.Voxels[n] = (short)Math.Clamp(Math.Round(post.Voxels[n] + (parameters.NoiseSigmaHu * gaussian)), -1024, 3071);
            }
        }

        return post;
    }

    /// <summary>
    /// Whether the synthesis draws a zone voxel of this tissue as coagulation: parenchyma and tumor do; air, bone, bowel
    /// and the lumen of vessels (whose flowing, enhancing blood the scan still shows) keep their values.
    /// </summary>
    public static bool Coagulates(TissueLabel label) => label is not (TissueLabel.Background or TissueLabel.Bone or TissueLabel.Lung
        or TissueLabel.Airway or TissueLabel.Vessel or TissueLabel.Artery or TissueLabel.Vein or TissueLabel.Bowel or TissueLabel.Stomach);
}
