using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>Measures a saccular aneurysm against a virtual parent artery.</summary>
/// <remarks>
/// The parent artery across the aneurysm is modelled as a cylinder of the parent diameter on the straight line
/// from <c>parentStart</c> to <c>parentEnd</c> (normal centreline points just proximal and distal to the
/// aneurysm), as in the virtual-parent neck definitions of aneurysm morphometry (e.g. Ma B et al., J Neurosurg
/// 2004;101:1063, "neck" and "height" on a reconstructed parent vessel). The sac is the aneurysm outside that
/// cylinder; the neck is the sac's layer within one voxel half-diagonal of the cylinder wall; its width is the
/// largest distance between two neck voxels. The dome height is the farthest sac voxel's distance from the
/// parent axis less the parent radius. The maximum diameter is the largest distance between two boundary voxel
/// centres of the whole aneurysm (exhaustive over boundary voxels, subsampled evenly above 6000).
/// </remarks>
public static class AneurysmMorphology
{
    /// <summary>Measures the aneurysm given by the non-zero voxels of <paramref name="aneurysm"/>.</summary>
    /// <exception cref="ArgumentException">The mask is empty, the parent points coincide, or the diameter is not positive.</exception>
    public static AneurysmMeasurement Measure(Volume<byte> aneurysm, WorldPoint parentStart, WorldPoint parentEnd, double parentDiameterMm)
    {
        ArgumentNullException.ThrowIfNull(aneurysm);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parentDiameterMm);
        var axis = parentEnd - parentStart;
        if (axis.Length < 1e-6)
        {
            throw new ArgumentException("The parent artery's start and end points coincide.", nameof(parentEnd));
        }

        var g = aneurysm.Geometry;
        var unit = axis.Normalized;
        var r = parentDiameterMm / 2;
        var neckBand = g.VoxelHalfDiagonal;
        var voxelMl = g.SpacingI * g.SpacingJ * g.SpacingK / 1000;
        var boundary = new List<WorldPoint>();
        var neck = new List<WorldPoint>();
        long all = 0, sac = 0;
        var domeHeight = double.NegativeInfinity;
        var domeTip = parentStart;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (aneurysm[i, j, k] == 0)
                    {
                        continue;
                    }

                    all++;
                    var p = g.IndexToWorld(new VoxelIndex(i, j, k));
                    if (IsBoundary(aneurysm, i, j, k))
                    {
                        boundary.Add(p);
                    }

                    var rel = p - parentStart;
                    var along = rel.Dot(unit);
                    var radial = (rel - (unit * along)).Length;
                    var inParent = radial <= r && along >= 0 && along <= axis.Length;
                    if (inParent)
                    {
                        continue;
                    }

                    sac++;
                    if (radial - r > domeHeight)
                    {
                        domeHeight = radial - r;
                        domeTip = p;
                    }

                    if (radial <= r + neckBand && along >= 0 && along <= axis.Length)
                    {
                        neck.Add(p);
                    }
                }
            }
        }

        if (all == 0)
        {
            throw new ArgumentException("The aneurysm mask is empty.", nameof(aneurysm));
        }

        return new AneurysmMeasurement(
            MaximumDistance(boundary),
            all * voxelMl,
            sac * voxelMl,
            MaximumDistance(neck),
            Math.Max(0, domeHeight),
            parentDiameterMm,
            domeTip,
            neck.Count);
    }

    private static bool IsBoundary(Volume<byte> mask, int i, int j, int k)
    {
        var g = mask.Geometry;
        return i == 0 || j == 0 || k == 0 || i == g.SizeI - 1 || j == g.SizeJ - 1 || k == g.SizeK - 1
            || mask[i - 1, j, k] == 0 || mask[i + 1, j, k] == 0 || mask[i, j - 1, k] == 0
            || mask[i, j + 1, k] == 0 || mask[i, j, k - 1] == 0 || mask[i, j, k + 1] == 0;
    }

    private static double MaximumDistance(List<WorldPoint> points)
    {
        const int Limit = 6000;
        var stride = Math.Max(1, (points.Count + Limit - 1) / Limit);
        var pts = points.Where((_, n) => n % stride == 0).ToArray();
        var best = 0.0;
        for (var a = 0; a < pts.Length; a++)
        {
            for (var b = a + 1; b < pts.Length; b++)
            {
                var d = (pts[a] - pts[b]).LengthSquared;
                if (d > best)
                {
                    best = d;
                }
            }
        }

        return Math.Sqrt(best);
    }
}
