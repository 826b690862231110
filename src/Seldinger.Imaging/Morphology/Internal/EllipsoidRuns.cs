using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Morphology.Internal;

/// <summary>
/// A ball of radius r mm on an anisotropic grid, as runs along i: for every (dj, dk) whose
/// plane holds part of the ball, the half-width h such that |di| ≤ h is inside.
/// </summary>
internal static class EllipsoidRuns
{
    public static (int DJ, int DK, int HalfWidth)[] Build(VolumeGeometry g, double radiusMm)
    {
        double si = g.SpacingI, sj = g.SpacingJ, sk = g.SpacingK;
        var r2 = radiusMm * radiusMm;
        var maxJ = (int)Math.Min(g.SizeJ, Math.Floor(radiusMm / sj) + 1);
        var maxK = (int)Math.Min(g.SizeK, Math.Floor(radiusMm / sk) + 1);
        var maxI = (int)Math.Min(g.SizeI, Math.Floor(radiusMm / si) + 1);
        var runs = new List<(int, int, int)>();
        for (var dk = -maxK; dk <= maxK; dk++)
        {
            for (var dj = -maxJ; dj <= maxJ; dj++)
            {
                // The same predicate, term for term, as the definition: squared physical distance ≤ r².
                var h = -1;
                while (h < maxI && Inside(h + 1, dj, dk))
                {
                    h++;
                }

                if (h >= 0)
                {
                    runs.Add((dj, dk, h));
                }
            }
        }

        return [.. runs];

        bool Inside(int di, int dj, int dk)
        {
            double x = di * si, y = dj * sj, z = dk * sk;
            return (x * x) + (y * y) + (z * z) <= r2;
        }
    }
}
