using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Labels;

/// <summary>Per-label volume, extent, centroid and largest diameter of a label map (lesion size, collection volume).</summary>
public static class LabelStatistics
{
    /// <summary>Measurements of every non-zero label present, in ascending label order.</summary>
    public static IReadOnlyList<LabelMeasurement> ComputeAll(Volume<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var present = new bool[256];
        foreach (var v in labels.Voxels)
        {
            present[v] = true;
        }

        var result = new List<LabelMeasurement>();
        for (var l = 1; l < 256; l++)
        {
            if (present[l])
            {
                result.Add(Compute(labels, (byte)l)!);
            }
        }

        return result;
    }

    /// <summary>Measurements of <paramref name="label"/>, or null when no voxel carries it.</summary>
    /// <remarks>
    /// The largest diameter is exact: the farthest pair of a point set are vertices of its convex hull, and a
    /// hull vertex cannot be the midpoint of two other voxels of the set, so only voxels that are the first or
    /// last of the label along their i row, j column and k pillar are candidates (an affine grid keeps midpoints).
    /// The candidates are then compared pairwise: O(m²) for m candidates, about the surface of a convex blob.
    /// </remarks>
    public static LabelMeasurement? Compute(Volume<byte> labels, byte label)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var g = labels.Geometry;
        var src = labels.Voxels;
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK, plane = nx * ny;
        long count = 0;
        int minI = int.MaxValue, minJ = int.MaxValue, minK = int.MaxValue, maxI = -1, maxJ = -1, maxK = -1;
        double sumI = 0, sumJ = 0, sumK = 0;
        var worldMin = new double[] { double.MaxValue, double.MaxValue, double.MaxValue };
        var worldMax = new double[] { double.MinValue, double.MinValue, double.MinValue };
        var candidates = new List<WorldPoint>();
        for (var k = 0; k < nz; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                var row = g.LinearIndex(0, j, k);
                for (var i = 0; i < nx; i++)
                {
                    var n = row + i;
                    if (src[n] != label)
                    {
                        continue;
                    }

                    count++;
                    sumI += i;
                    sumJ += j;
                    sumK += k;
                    minI = Math.Min(minI, i);
                    minJ = Math.Min(minJ, j);
                    minK = Math.Min(minK, k);
                    maxI = Math.Max(maxI, i);
                    maxJ = Math.Max(maxJ, j);
                    maxK = Math.Max(maxK, k);
                    var p = g.IndexToWorld(new VoxelIndex(i, j, k));
                    worldMin[0] = Math.Min(worldMin[0], p.X);
                    worldMin[1] = Math.Min(worldMin[1], p.Y);
                    worldMin[2] = Math.Min(worldMin[2], p.Z);
                    worldMax[0] = Math.Max(worldMax[0], p.X);
                    worldMax[1] = Math.Max(worldMax[1], p.Y);
                    worldMax[2] = Math.Max(worldMax[2], p.Z);
                    if (IsAxisExtreme(src, label, n, i, nx, 1) && IsAxisExtreme(src, label, n, j, ny, nx) && IsAxisExtreme(src, label, n, k, nz, plane))
                    {
                        candidates.Add(p);
                    }
                }
            }
        }

        if (count == 0)
        {
            return null;
        }

        var (diameter, a, b) = FarthestPair(candidates);
        var voxelMl = Math.Abs(g.IndexToWorldMatrix.Determinant) / 1000.0;
        return new LabelMeasurement(
            label,
            count,
            count * voxelMl,
            new VoxelIndex(minI, minJ, minK),
            new VoxelIndex(maxI, maxJ, maxK),
            new WorldPoint(worldMin[0], worldMin[1], worldMin[2]),
            new WorldPoint(worldMax[0], worldMax[1], worldMax[2]),
            g.IndexToWorld(new ContinuousIndex(sumI / count, sumJ / count, sumK / count)),
            diameter,
            a,
            b);
    }

    /// <summary>True when the voxel is the first or the last of the label on its line along one axis.</summary>
    private static bool IsAxisExtreme(byte[] src, byte label, int n, int coordinate, int size, int stride) =>
        coordinate == 0 || coordinate == size - 1 || src[n - stride] != label || src[n + stride] != label;

    private static (double Distance, WorldPoint A, WorldPoint B) FarthestPair(List<WorldPoint> points)
    {
        var count = points.Count;
        var bestSquared = new double[count];
        var bestPartner = new int[count];
        Parallel.For(0, count, a =>
        {
            var p = points[a];
            var best = -1.0;
            var partner = a;
            for (var b = a + 1; b < count; b++)
            {
                var d = (points[b] - p).LengthSquared;
                if (d > best)
                {
                    best = d;
                    partner = b;
                }
            }

            bestSquared[a] = best;
            bestPartner[a] = partner;
        });
        var winner = 0;
        for (var a = 1; a < count; a++)
        {
            if (bestSquared[a] > bestSquared[winner])
            {
                winner = a;
            }
        }

        var pa = points[winner];
        var pb = points[bestPartner[winner]];
        return (pa.DistanceTo(pb), pa, pb);
    }
}
