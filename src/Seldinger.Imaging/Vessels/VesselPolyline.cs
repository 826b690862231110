using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>Polyline arithmetic for centrelines and catheter routes: length, smoothing, resampling, tangents.</summary>
public static class VesselPolyline
{
    /// <summary>Sum of the segment lengths, mm.</summary>
    public static double Length(IReadOnlyList<WorldPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sum = 0.0;
        for (var n = 1; n < points.Count; n++)
        {
            sum += points[n - 1].DistanceTo(points[n]);
        }

        return sum;
    }

    /// <summary>The voxel centres of a voxel path as world points.</summary>
    public static IReadOnlyList<WorldPoint> ToWorld(VolumeGeometry geometry, IReadOnlyList<VoxelIndex> voxels)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(voxels);
        return [.. voxels.Select(geometry.IndexToWorld)];
    }

    /// <summary>
    /// Moving average over ±<paramref name="halfWindowMm"/> of arc length (ends kept fixed, the window shrinking
    /// towards them): removes the staircase of a voxel path, whose length overstates the true length by up to
    /// 8 % on a 26-connected grid, while keeping bends wider than the window.
    /// </summary>
    public static IReadOnlyList<WorldPoint> Smooth(IReadOnlyList<WorldPoint> points, double halfWindowMm)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 3 || halfWindowMm <= 0)
        {
            return [.. points];
        }

        var s = ArcLengths(points);
        var total = s[^1];
        var result = new WorldPoint[points.Count];
        int lo = 0, hi = 0;
        for (var n = 0; n < points.Count; n++)
        {
            // Symmetric window, shrunk near the ends so the end points stay where they are.
            var w = Math.Min(halfWindowMm, Math.Min(s[n], total - s[n]));
            while (s[lo] < s[n] - w - 1e-9)
            {
                lo++;
            }

            while (hi + 1 < points.Count && s[hi + 1] <= s[n] + w + 1e-9)
            {
                hi++;
            }

            double x = 0, y = 0, z = 0;
            var count = 0;
            for (var m = lo; m <= hi; m++)
            {
                if (s[m] < s[n] - w - 1e-9)
                {
                    continue;
                }

                x += points[m].X;
                y += points[m].Y;
                z += points[m].Z;
                count++;
            }

            result[n] = new WorldPoint(x / count, y / count, z / count);
        }

        return result;
    }

    /// <summary>Points every <paramref name="stepMm"/> of arc length from the first to the last (the last point always included).</summary>
    public static IReadOnlyList<WorldPoint> Resample(IReadOnlyList<WorldPoint> points, double stepMm)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepMm);
        if (points.Count < 2)
        {
            return [.. points];
        }

        var result = new List<WorldPoint> { points[0] };
        var carried = 0.0;
        for (var n = 1; n < points.Count; n++)
        {
            var a = points[n - 1];
            var b = points[n];
            var seg = a.DistanceTo(b);
            var t = stepMm - carried;
            while (t <= seg)
            {
                result.Add(a.Lerp(b, t / seg));
                t += stepMm;
            }

            carried = seg - (t - stepMm);
        }

        if (result[^1].DistanceTo(points[^1]) > 1e-6)
        {
            result.Add(points[^1]);
        }

        return result;
    }

    /// <summary>Unit tangent at point <paramref name="index"/>: the chord between the points ±<paramref name="halfSpanMm"/> of arc length away.</summary>
    public static Vector3D Tangent(IReadOnlyList<WorldPoint> points, int index, double halfSpanMm)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            return Vector3D.UnitZ;
        }

        int a = index, b = index;
        double back = 0, ahead = 0;
        while (a > 0 && back < halfSpanMm)
        {
            back += points[a].DistanceTo(points[a - 1]);
            a--;
        }

        while (b < points.Count - 1 && ahead < halfSpanMm)
        {
            ahead += points[b].DistanceTo(points[b + 1]);
            b++;
        }

        var d = points[b] - points[a];
        return d.Length > 0 ? d.Normalized : Vector3D.UnitZ;
    }

    /// <summary>Cumulative arc length at each point, mm (0 at the first).</summary>
    public static double[] ArcLengths(IReadOnlyList<WorldPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var s = new double[points.Count];
        for (var n = 1; n < points.Count; n++)
        {
            s[n] = s[n - 1] + points[n - 1].DistanceTo(points[n]);
        }

        return s;
    }
}
