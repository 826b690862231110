using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Labels;

namespace Seldinger.Planning.Ablation.Internal;

/// <summary>
/// Finds vessels wide enough to carry heat away (or, for cryo, to warm the ice) that run near the zone. The lumen
/// diameter at a vessel voxel is read at the centreline it belongs to: from the voxel, climb the distance-to-wall map
/// of its own label to a local maximum (the centreline), where the lumen's radius is the distance to the wall.
/// </summary>
internal static class EvaluationHeatSinks
{
    /// <summary>The labels whose lumen cools (or warms) the zone.</summary>
    public static readonly TissueLabel[] VesselLabels = [TissueLabel.Artery, TissueLabel.Vein, TissueLabel.Vessel];

    /// <summary>One vessel per connected piece of each vessel label: its widest-enough voxel nearest to the zone.</summary>
    /// <param name="labels">The crop's labels.</param>
    /// <param name="zoneDistance">Distance (mm) from every crop voxel to the nearest zone voxel.</param>
    /// <param name="minimumDiameterMm">Smallest lumen diameter that counts.</param>
    /// <param name="searchDistanceMm">Vessels farther than this from the zone are ignored.</param>
    public static List<AblationHeatSink> Find(Volume<byte> labels, Volume<float> zoneDistance, double minimumDiameterMm, double searchDistanceMm)
    {
        var found = new List<AblationHeatSink>();
        foreach (var label in VesselLabels)
        {
            // Vessels are thin: their own box (plus the one-voxel wall around it) is usually a small part of the crop.
            if (!EvaluationCrop.TryBounds(labels, (byte)label, nonZero: false, out var box))
            {
                continue;
            }

            box = box.Grow(labels.Geometry, 0);
            var g = EvaluationCrop.Geometry(labels.Geometry, box);
            Find(EvaluationCrop.Extract(labels, box, g), EvaluationCrop.Extract(zoneDistance, box, g), label, minimumDiameterMm, searchDistanceMm, found);
        }

        found.Sort((a, b) => a.DistanceMm != b.DistanceMm ? a.DistanceMm.CompareTo(b.DistanceMm) : b.DiameterMm.CompareTo(a.DiameterMm));
        return found;
    }

    private static void Find(Volume<byte> labels, Volume<float> zoneDistance, TissueLabel label, double minimumDiameterMm, double searchDistanceMm, List<AblationHeatSink> found)
    {
        var g = labels.Geometry;
        var voxels = labels.Voxels;
        var distance = zoneDistance.Voxels;
        var value = (byte)label;
        var near = new List<int>();
        for (var n = 0; n < voxels.Length; n++)
        {
            if (voxels[n] == value && distance[n] <= searchDistanceMm + EvaluationMath.Tolerance)
            {
                near.Add(n);
            }
        }

        if (near.Count == 0)
        {
            return;
        }

        var wall = EuclideanDistanceTransform.Compute(labels, v => v != value).Voxels;
        var vesselMask = new Volume<byte>(g);
        for (var n = 0; n < voxels.Length; n++)
        {
            vesselMask.Voxels[n] = voxels[n] == value ? (byte)1 : (byte)0;
        }

        var component = ConnectedComponents.Label(vesselMask, Connectivity.TwentySix).Labels.Voxels;

        // Per connected piece: the nearest voxel whose centreline is wide enough.
        var best = new Dictionary<int, (int Index, double Diameter)>();
        foreach (var n in near)
        {
            var diameter = DiameterAt(n, voxels, value, wall, g.SizeI, g.SizeJ, g.SizeK, g.MinimumSpacing);
            if (diameter < minimumDiameterMm - EvaluationMath.Tolerance)
            {
                continue;
            }

            var piece = component[n];
            if (!best.TryGetValue(piece, out var current)
                || distance[n] < distance[current.Index]
                || (distance[n] == distance[current.Index] && diameter > current.Diameter))
            {
                best[piece] = (n, diameter);
            }
        }

        foreach (var (index, diameter) in best.Values)
        {
            found.Add(new AblationHeatSink(label.ToString(), diameter, distance[index], g.IndexToWorld(g.VoxelAt(index))));
        }
    }

    /// <summary>
    /// Lumen diameter at the centreline reached by steepest ascent of the wall distance. The wall distance of the
    /// centreline voxel is measured to the nearest voxel centre outside the lumen, which lies between 0 and about half a
    /// voxel beyond the lumen's edge (nearer the edge the more voxels the lumen spans), so the middle of that range, a
    /// quarter voxel per side, is taken off.
    /// </summary>
    private static double DiameterAt(int start, byte[] voxels, byte value, float[] wall, int ni, int nj, int nk, double spacing)
    {
        var n = start;
        var plane = ni * nj;

        // A strict climb cannot revisit a voxel, so it ends within as many steps as there are distinct values.
        while (true)
        {
            var k = n / plane;
            var j = (n - (k * plane)) / ni;
            var i = n - (k * plane) - (j * ni);
            var next = n;
            var top = wall[n];
            for (var dk = -1; dk <= 1; dk++)
            {
                var kk = k + dk;
                if ((uint)kk >= (uint)nk)
                {
                    continue;
                }

                for (var dj = -1; dj <= 1; dj++)
                {
                    var jj = j + dj;
                    if ((uint)jj >= (uint)nj)
                    {
                        continue;
                    }

                    for (var di = -1; di <= 1; di++)
                    {
                        var ii = i + di;
                        if ((uint)ii >= (uint)ni)
                        {
                            continue;
                        }

                        var m = ii + (ni * (jj + (nj * kk)));
                        if (voxels[m] == value && wall[m] > top)
                        {
                            top = wall[m];
                            next = m;
                        }
                    }
                }
            }

            if (next == n)
            {
                return Math.Max(0, (2.0 * wall[n]) - (0.5 * spacing));
            }

            n = next;
        }
    }
}
