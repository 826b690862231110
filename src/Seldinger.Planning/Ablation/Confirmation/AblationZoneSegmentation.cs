using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;
using Seldinger.Imaging.Morphology;
using Seldinger.Planning.Ablation.Confirmation.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Confirmation;

/// <summary>
/// Segments the non-enhancing ablation zone on a post-ablation contrast CT already on the planning grid.
/// </summary>
/// <remarks>
/// The image is smoothed by a 3×3×3 mean. The zone's attenuation is the median near the seeds (probe tips or the tumor
/// centre); the parenchyma's is first the upper quartile of the organ within the search radius, then the median of the
/// organ in a shell just outside the grown zone. The zone grows from the seeds over voxels within a window centred on the
/// zone's attenuation whose upper bound is halfway to the parenchyma; each refinement re-measures both and re-grows. The
/// region is closed, its holes are filled (vessels crossing the zone) and only components holding a seed are kept.
/// </remarks>
public static class AblationZoneSegmentation
{
    /// <summary>Segments the zone.</summary>
    /// <param name="postCt">Post-ablation CT on the planning grid (HU), e.g. from <see cref="Imaging.Registration.RigidRegistration.Resample"/>.</param>
    /// <param name="planningLabels">The planning label map (same grid): where the organ is.</param>
    /// <param name="seeds">Points inside the zone (LPS mm): probe tips or the tumor centre.</param>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <exception cref="PlanningException">Grids differ, no seed inside the image, no organ around the seeds, or no non-enhancing zone at the seeds.</exception>
    public static AblationZoneSegmentationResult Segment(Volume<short> postCt, Volume<byte> planningLabels, IReadOnlyList<WorldPoint> seeds, AblationZoneSegmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(postCt);
        ArgumentNullException.ThrowIfNull(planningLabels);
        ArgumentNullException.ThrowIfNull(seeds);
        options ??= new AblationZoneSegmentationOptions();
        Validate(options);
        if (postCt.Geometry != planningLabels.Geometry)
        {
            throw new PlanningException("The post-ablation CT is not on the planning label map's grid; register and resample it first.");
        }

        if (seeds.Count == 0)
        {
            throw new PlanningException("Segmenting the ablation zone needs at least one seed (probe tip or tumor centre).");
        }

        var geometry = postCt.Geometry;
        foreach (var seed in seeds)
        {
            if (!geometry.TryGetVoxel(seed, out _))
            {
                throw new PlanningException($"The seed {seed} lies outside the post-ablation CT.");
            }
        }

        var crop = Crop.Around(geometry, seeds, options.SearchRadiusMm)!;
        var smooth = MeanFilter.Apply(crop.Cut(postCt));
        var labels = crop.Cut(planningLabels);
        var g = crop.Geometry;
        var seedVoxels = seeds.Select(s => g.WorldToIndex(s).Round()).ToList();
        var organ = (byte)options.Organ;

        var zoneHu = Median(Within(smooth, g, seeds, options.SeedRadiusMm, _ => true));
        var organValues = Within(smooth, g, seeds, options.SearchRadiusMm, n => labels.Voxels[n] == organ);
        if (organValues.Count < 27)
        {
            throw new PlanningException($"There is no {options.Organ} around the seeds to measure the enhancing parenchyma against.");
        }

        organValues.Sort();
        var parenchymaHu = (double)organValues[(int)(0.75 * (organValues.Count - 1))];
        Volume<byte>? mask = null;
        double threshold = 0;
        for (var round = 0; round <= options.Refinements; round++)
        {
            if (parenchymaHu - zoneHu < options.MinimumContrastHu)
            {
                throw new PlanningException($"No non-enhancing zone at the seeds: the zone measures {zoneHu:0} HU against {parenchymaHu:0} HU parenchyma (at least {options.MinimumContrastHu:0} HU of contrast needed).");
            }

            threshold = (zoneHu + parenchymaHu) / 2;
            mask = Grow(smooth, seedVoxels, (float)(zoneHu - (threshold - zoneHu)), (float)threshold, options.ClosingRadiusMm);
            if (round == options.Refinements)
            {
                break;
            }

            var inside = new List<float>();
            for (var n = 0; n < mask.Voxels.Length; n++)
            {
                if (mask.Voxels[n] != 0)
                {
                    inside.Add(smooth.Voxels[n]);
                }
            }

            var outer = BinaryMorphology.Dilate(mask, options.ShellOuterMm);
            var inner = BinaryMorphology.Dilate(mask, options.ShellInnerMm);
            var shell = new List<float>();
            for (var n = 0; n < mask.Voxels.Length; n++)
            {
                if (outer.Voxels[n] != 0 && inner.Voxels[n] == 0 && labels.Voxels[n] == organ)
                {
                    shell.Add(smooth.Voxels[n]);
                }
            }

            if (inside.Count == 0 || shell.Count < 27)
            {
                break;
            }

            zoneHu = Median(inside);
            parenchymaHu = Median(shell);
        }

        var zone = new AblationZone("segmented", [], crop.Paste(mask!), [], null);
        return new AblationZoneSegmentationResult(zone, zoneHu, parenchymaHu, threshold);
    }

    private static Volume<byte> Grow(Volume<float> smooth, List<VoxelIndex> seeds, float lower, float upper, double closingMm)
    {
        var g = smooth.Geometry;
        var grown = new Volume<byte>(g);
        foreach (var seed in seeds)
        {
            if (grown[seed] != 0)
            {
                continue;
            }

            var region = RegionGrowing.Grow(smooth, seed, lower, upper, Connectivity.Six, g.VoxelCount);
            for (var n = 0; n < grown.Voxels.Length; n++)
            {
                grown.Voxels[n] |= region.Mask.Voxels[n];
            }
        }

        var closed = BinaryMorphology.FillHoles(BinaryMorphology.Close(grown, closingMm));

        // Keep the connected pieces that hold a seed: a hypo-attenuating structure touching the zone only through the
        // closing's bridges stays out when it does not reach a seed.
        var components = ConnectedComponents.Label(closed, Connectivity.Six);
        var keep = new HashSet<int>();
        foreach (var seed in seeds)
        {
            var label = components.Labels[seed];
            if (label > 0)
            {
                keep.Add(label);
            }
        }

        var output = new Volume<byte>(g);
        for (var n = 0; n < output.Voxels.Length; n++)
        {
            output.Voxels[n] = (byte)(keep.Contains(components.Labels.Voxels[n]) ? 1 : 0);
        }

        return output;
    }

    private static List<float> Within(Volume<float> image, VolumeGeometry g, IReadOnlyList<WorldPoint> centres, double radiusMm, Func<int, bool> include)
    {
        var values = new List<float>();
        var r2 = radiusMm * radiusMm;
        for (var n = 0; n < image.Voxels.Length; n++)
        {
            if (!include(n))
            {
                continue;
            }

            var p = g.IndexToWorld(g.VoxelAt(n));
            foreach (var c in centres)
            {
                if ((p - c).LengthSquared <= r2)
                {
                    values.Add(image.Voxels[n]);
                    break;
                }
            }
        }

        return values;
    }

    private static double Median(List<float> values)
    {
        if (values.Count == 0)
        {
            throw new PlanningException("No voxels to measure near the seeds.");
        }

        values.Sort();
        return values[values.Count / 2];
    }

    private static void Validate(AblationZoneSegmentationOptions o)
    {
        static void Check(double v, double min, double max, string name)
        {
            if (!(v >= min && v <= max))
            {
                throw new ArgumentException($"The segmentation's {name} must lie in [{min}, {max}], not {v}.", nameof(o));
            }
        }

        Check(o.SearchRadiusMm, 5, 150, "search radius (mm)");
        Check(o.SeedRadiusMm, 0.5, 20, "seed radius (mm)");
        Check(o.ShellInnerMm, 0, 30, "shell inner radius (mm)");
        Check(o.ShellOuterMm, o.ShellInnerMm + 1, 50, "shell outer radius (mm)");
        Check(o.ClosingRadiusMm, 0, 10, "closing radius (mm)");
        Check(o.MinimumContrastHu, 1, 500, "minimum contrast (HU)");
        Check(o.Refinements, 0, 10, "refinement count");
    }
}
