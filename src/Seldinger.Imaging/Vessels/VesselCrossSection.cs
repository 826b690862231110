using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>Measures the lumen in planes perpendicular to a vessel axis, on a sub-voxel grid.</summary>
/// <remarks>
/// The plane is sampled on a square grid of pitch <c>h</c> (a third of the smallest voxel spacing unless given)
/// within a disc of the given radius; each sample takes the trilinear interpolation of the 0/1 mask and counts
/// as lumen at ≥ ½, so the boundary lies half way between lumen and non-lumen voxel centres, which is unbiased
/// for masks drawn by voxel-centre inclusion. The lumen region is the 4-connected set of lumen samples that
/// holds the sample nearest the centre (or the lumen sample nearest it within two voxels), so a neighbouring
/// vessel in the same plane is not counted. Area = samples · h².
/// </remarks>
public static class VesselCrossSection
{
    /// <summary>Measures the cross-section of <paramref name="lumen"/> at <paramref name="centre"/> perpendicular to <paramref name="axis"/>.</summary>
    /// <param name="lumen">Non-zero voxels are lumen.</param>
    /// <param name="centre">A point in (or within two voxels of) the lumen.</param>
    /// <param name="axis">The vessel direction (need not be unit length).</param>
    /// <param name="maximumRadiusMm">Radius of the sampled disc, mm.</param>
    /// <param name="pitchMm">Sample pitch, mm; null for a third of the smallest spacing.</param>
    /// <returns>The measurement; an area of 0 when no lumen is near the centre.</returns>
    public static CrossSection Measure(Volume<byte> lumen, WorldPoint centre, Vector3D axis, double maximumRadiusMm, double? pitchMm = null)
    {
        ArgumentNullException.ThrowIfNull(lumen);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumRadiusMm);
        var g = lumen.Geometry;
        var h = pitchMm ?? (g.MinimumSpacing / 3);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(h);
        var n = axis.Length > 0 ? axis.Normalized : Vector3D.UnitZ;
        var (u, v) = Basis(n);
        var half = (int)Math.Ceiling(maximumRadiusMm / h);
        var size = (2 * half) + 1;
        var inside = new bool[size * size];
        var outOfGrid = new bool[size * size];
        var r2 = (double)half * half;

        // The plane's grid maps to continuous indices linearly: step along u and v in index space.
        var c0 = g.WorldToIndex(centre);
        var cu = g.WorldToIndex(centre + (u * h));
        var cv = g.WorldToIndex(centre + (v * h));
        double ui = cu.I - c0.I, uj = cu.J - c0.J, uk = cu.K - c0.K, vi = cv.I - c0.I, vj = cv.J - c0.J, vk = cv.K - c0.K;
        for (var b = 0; b < size; b++)
        {
            for (var a = 0; a < size; a++)
            {
                double da = a - half, db = b - half;
                if ((da * da) + (db * db) > r2)
                {
                    continue;
                }

                var idx = new ContinuousIndex(c0.I + (da * ui) + (db * vi), c0.J + (da * uj) + (db * vj), c0.K + (da * uk) + (db * vk));
                if (!g.Contains(idx))
                {
                    outOfGrid[(b * size) + a] = true;
                    continue;
                }

                inside[(b * size) + a] = Trilinear(lumen, idx) >= 0.5;
            }
        }

        // Seed: the centre sample, or the nearest lumen sample within two voxels.
        var seed = -1;
        var reach = Math.Min(half, (int)Math.Ceiling(2 * g.MinimumSpacing / h));
        var bestD = double.PositiveInfinity;
        for (var b = half - reach; b <= half + reach; b++)
        {
            for (var a = half - reach; a <= half + reach; a++)
            {
                var d = ((a - half) * (a - half)) + ((b - half) * (b - half));
                if (inside[(b * size) + a] && d < bestD)
                {
                    bestD = d;
                    seed = (b * size) + a;
                }
            }
        }

        if (seed < 0)
        {
            return new CrossSection(centre, n, 0, 0, 0, 0, centre, false);
        }

        var region = new List<int>();
        var seen = new bool[size * size];
        var stack = new Stack<int>();
        stack.Push(seed);
        seen[seed] = true;
        var truncated = false;
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            region.Add(s);
            int a = s % size, b = s / size;
            for (var q = 0; q < 4; q++)
            {
                var na = a + (q == 0 ? -1 : q == 1 ? 1 : 0);
                var nb = b + (q == 2 ? -1 : q == 3 ? 1 : 0);
                if (na < 0 || nb < 0 || na >= size || nb >= size)
                {
                    truncated = true;
                    continue;
                }

                var t = (nb * size) + na;
                double da = na - half, db = nb - half;
                if ((da * da) + (db * db) > r2 || outOfGrid[t])
                {
                    truncated = true;
                    continue;
                }

                if (!seen[t] && inside[t])
                {
                    seen[t] = true;
                    stack.Push(t);
                }
            }
        }

        double sa = 0, sb = 0;
        foreach (var s in region)
        {
            sa += (s % size) - half;
            sb += (s / size) - half;
        }

        sa /= region.Count;
        sb /= region.Count;
        var centroid = centre + (u * (sa * h)) + (v * (sb * h));
        double minWidth = double.PositiveInfinity, maxWidth = 0;
        for (var d = 0; d < 36; d++)
        {
            var angle = d * Math.PI / 36;
            double ca = Math.Cos(angle), cb = Math.Sin(angle), lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (var s in region)
            {
                var proj = (((s % size) - half) * ca) + (((s / size) - half) * cb);
                lo = Math.Min(lo, proj);
                hi = Math.Max(hi, proj);
            }

            // Each sample stands for a cell of pitch h, hence the extra h.
            var width = (hi - lo + 1) * h;
            minWidth = Math.Min(minWidth, width);
            maxWidth = Math.Max(maxWidth, width);
        }

        var area = region.Count * h * h;
        return new CrossSection(centre, n, area, 2 * Math.Sqrt(area / Math.PI), minWidth, maxWidth, centroid, truncated);
    }

    /// <summary>Two unit vectors perpendicular to <paramref name="n"/> and to each other.</summary>
    public static (Vector3D U, Vector3D V) Basis(Vector3D n)
    {
        var helper = Math.Abs(n.X) < 0.9 ? Vector3D.UnitX : Vector3D.UnitY;
        var u = n.Cross(helper).Normalized;
        var v = n.Cross(u).Normalized;
        return (u, v);
    }

    /// <summary>Trilinear interpolation of a 0/1 mask (non-zero counts as 1) at a continuous index; outside voxels count as 0.</summary>
    public static double Trilinear(Volume<byte> mask, ContinuousIndex index)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var g = mask.Geometry;
        int i0 = (int)Math.Floor(index.I), j0 = (int)Math.Floor(index.J), k0 = (int)Math.Floor(index.K);
        double fi = index.I - i0, fj = index.J - j0, fk = index.K - k0;
        var sum = 0.0;
        for (var c = 0; c < 8; c++)
        {
            int i = i0 + (c & 1), j = j0 + ((c >> 1) & 1), k = k0 + ((c >> 2) & 1);
            if ((uint)i >= (uint)g.SizeI || (uint)j >= (uint)g.SizeJ || (uint)k >= (uint)g.SizeK || mask.Voxels[g.LinearIndex(i, j, k)] == 0)
            {
                continue;
            }

            sum += ((c & 1) == 1 ? fi : 1 - fi) * (((c >> 1) & 1) == 1 ? fj : 1 - fj) * (((c >> 2) & 1) == 1 ? fk : 1 - fk);
        }

        return sum;
    }
}
