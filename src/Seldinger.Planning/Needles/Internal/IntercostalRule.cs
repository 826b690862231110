using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Needles.Internal;

/// <summary>
/// The geometric form of "pass over the upper edge of the lower rib": where a path crosses the rib cage
/// it must be closer to the rib below than to the rib above, because the intercostal vein, artery and
/// nerve run in the groove under each rib.
/// </summary>
/// <remarks>
/// Rib tissue is bone or costal cartilage. For each sample of the path (the samples of
/// <see cref="NeedlePathEvaluator"/>) that is not itself in a rib, the nearest rib voxel straight above
/// (cranial, +Z) and straight below in the same column gives the distances up and down. A sample with rib
/// both above and below, no farther apart than the window, lies between two ribs; the sample with the
/// narrowest such gap (the first on a tie) is where the path crosses the rib cage, and there the distance
/// down must be smaller than the distance up. A path with no such sample does not pass between ribs.
/// </remarks>
internal sealed class IntercostalRule
{
    private const byte None = 255;
    private readonly Volume<byte> _labels;
    private readonly byte[] _up;
    private readonly byte[] _down;
    private readonly double _windowVoxels;
    private readonly bool _kIsCranial;

    /// <summary>Precomputes, for every voxel, how many voxels up and down the column the nearest rib voxel is (up to the window).</summary>
    public IntercostalRule(Volume<byte> labels, double windowMm)
    {
        _labels = labels;
        var g = labels.Geometry;
        var kAxisZ = (g.IndexToWorld(new ContinuousIndex(0, 0, 1)) - g.IndexToWorld(new ContinuousIndex(0, 0, 0))).Z / g.SpacingK;
        if (Math.Abs(kAxisZ) < 0.9)
        {
            throw new PlanningException("The intercostal rule needs axial slices (the slice axis along the patient's head-foot axis); this series is not axial.");
        }

        _kIsCranial = kAxisZ > 0;
        _windowVoxels = windowMm / g.SpacingK;
        var reach = (int)Math.Min(254, Math.Ceiling(_windowVoxels));
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK, plane = nx * ny;
        var v = labels.Voxels;
        _up = new byte[v.Length];
        _down = new byte[v.Length];
        Parallel.For(0, ny, j =>
        {
            for (var i = 0; i < nx; i++)
            {
                var column = i + (j * nx);
                var last = int.MinValue / 2;
                for (var k = 0; k < nz; k++)
                {
                    var n = column + (k * plane);
                    if (IsRib(v[n]))
                    {
                        last = k;
                    }

                    var d = k - last;
                    _down[n] = d <= reach ? (byte)d : None;
                }

                last = int.MaxValue / 2;
                for (var k = nz - 1; k >= 0; k--)
                {
                    var n = column + (k * plane);
                    if (IsRib(v[n]))
                    {
                        last = k;
                    }

                    var d = last - k;
                    _up[n] = d <= reach ? (byte)d : None;
                }
            }
        });
    }

    /// <summary>Whether a label is rib tissue.</summary>
    public static bool IsRib(byte label) => label is (byte)TissueLabel.Bone or (byte)TissueLabel.Cartilage;

    /// <summary>
    /// Checks the path from <paramref name="start"/> to <paramref name="end"/> (index space, the evaluator's
    /// sampling): true when it does not pass between ribs or passes closer to the rib below.
    /// <paramref name="crossing"/> is the sample where it crosses the rib cage, and <paramref name="upperRib"/>
    /// the centre of the rib voxel above it (both null when it does not pass between ribs).
    /// </summary>
    public bool Holds(ContinuousIndex start, ContinuousIndex end, int intervals, out ContinuousIndex? crossing, out ContinuousIndex? upperRib)
    {
        var g = _labels.Geometry;
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK;
        var v = _labels.Voxels;
        var bestGap = double.PositiveInfinity;
        var bestUp = 0.0;
        var bestDown = 0.0;
        crossing = null;
        upperRib = null;
        for (var m = 0; m <= intervals; m++)
        {
            var t = (double)m / intervals;
            var p = new ContinuousIndex(start.I + (t * (end.I - start.I)), start.J + (t * (end.J - start.J)), start.K + (t * (end.K - start.K)));
            var i = (int)Math.Floor(p.I + 0.5);
            var j = (int)Math.Floor(p.J + 0.5);
            var k = (int)Math.Floor(p.K + 0.5);
            if ((uint)i >= (uint)nx || (uint)j >= (uint)ny || (uint)k >= (uint)nz)
            {
                continue;
            }

            var n = i + (nx * (j + (ny * k)));
            if (IsRib(v[n]) || _up[n] == None || _down[n] == None)
            {
                continue;
            }

            // Distances in voxels along K from the sample to the rib voxel centres above and below it.
            var plus = k + _up[n] - p.K;
            var minus = p.K - (k - _down[n]);
            var gap = plus + minus;
            if (gap > _windowVoxels || !(gap < bestGap))
            {
                continue;
            }

            bestGap = gap;
            (bestUp, bestDown) = _kIsCranial ? (plus, minus) : (minus, plus);
            crossing = p;
            upperRib = new ContinuousIndex(i, j, _kIsCranial ? k + _up[n] : k - _down[n]);
        }

        return crossing is null || bestDown < bestUp;
    }
}
