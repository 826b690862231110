using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Ablation.Internal;

/// <summary>An inclusive voxel box.</summary>
internal readonly record struct EvaluationBox(int I0, int J0, int K0, int I1, int J1, int K1)
{
    public int SizeI => I1 - I0 + 1;

    public int SizeJ => J1 - J0 + 1;

    public int SizeK => K1 - K0 + 1;

    public EvaluationBox Union(EvaluationBox other) => new(
        Math.Min(I0, other.I0), Math.Min(J0, other.J0), Math.Min(K0, other.K0),
        Math.Max(I1, other.I1), Math.Max(J1, other.J1), Math.Max(K1, other.K1));

    /// <summary>The box grown by <paramref name="mm"/> plus one voxel on every side, clipped to the grid.</summary>
    public EvaluationBox Grow(VolumeGeometry geometry, double mm)
    {
        int gi = (int)Math.Ceiling(mm / geometry.SpacingI) + 1, gj = (int)Math.Ceiling(mm / geometry.SpacingJ) + 1, gk = (int)Math.Ceiling(mm / geometry.SpacingK) + 1;
        return new(
            Math.Max(0, I0 - gi), Math.Max(0, J0 - gj), Math.Max(0, K0 - gk),
            Math.Min(geometry.SizeI - 1, I1 + gi), Math.Min(geometry.SizeJ - 1, J1 + gj), Math.Min(geometry.SizeK - 1, K1 + gk));
    }
}

/// <summary>Bounding boxes and crops: the evaluation never computes a distance map over the whole case.</summary>
internal static class EvaluationCrop
{
    /// <summary>The box of the voxels equal to <paramref name="value"/> (or, when <paramref name="nonZero"/>, of every non-zero voxel).</summary>
    public static bool TryBounds(Volume<byte> volume, byte value, bool nonZero, out EvaluationBox box)
    {
        var g = volume.Geometry;
        int ni = g.SizeI, plane = g.SizeI * g.SizeJ;
        int minI = int.MaxValue, minJ = int.MaxValue, minK = int.MaxValue, maxI = -1, maxJ = -1, maxK = -1;
        for (var k = 0; k < g.SizeK; k++)
        {
            // Whole-slice vectorised search first: most slices of a case hold none of a small target or zone.
            var slice = volume.Voxels.AsSpan(k * plane, plane);
            if ((nonZero ? slice.IndexOfAnyExcept((byte)0) : slice.IndexOf(value)) < 0)
            {
                continue;
            }

            for (var j = 0; j < g.SizeJ; j++)
            {
                var row = slice.Slice(j * ni, ni);
                var first = nonZero ? row.IndexOfAnyExcept((byte)0) : row.IndexOf(value);
                if (first < 0)
                {
                    continue;
                }

                var last = nonZero ? row.LastIndexOfAnyExcept((byte)0) : row.LastIndexOf(value);
                minI = Math.Min(minI, first);
                maxI = Math.Max(maxI, last);
                minJ = Math.Min(minJ, j);
                maxJ = Math.Max(maxJ, j);
                minK = Math.Min(minK, k);
                maxK = Math.Max(maxK, k);
            }
        }

        box = new EvaluationBox(minI, minJ, minK, maxI, maxJ, maxK);
        return maxI >= 0;
    }

    /// <summary>The grid of the crop: same spacing and direction, origin at the box's first voxel.</summary>
    public static VolumeGeometry Geometry(VolumeGeometry geometry, EvaluationBox box) =>
        new(box.SizeI, box.SizeJ, box.SizeK, geometry.IndexToWorld(new VoxelIndex(box.I0, box.J0, box.K0)),
            geometry.SpacingI, geometry.SpacingJ, geometry.SpacingK, geometry.Direction);

    /// <summary>Copies the box out of <paramref name="volume"/> onto <paramref name="cropGeometry"/>.</summary>
    public static Volume<T> Extract<T>(Volume<T> volume, EvaluationBox box, VolumeGeometry cropGeometry)
        where T : unmanaged
    {
        var g = volume.Geometry;
        var crop = new Volume<T>(cropGeometry);
        var ni = box.SizeI;
        for (var k = 0; k < box.SizeK; k++)
        {
            for (var j = 0; j < box.SizeJ; j++)
            {
                volume.Voxels.AsSpan(g.LinearIndex(box.I0, box.J0 + j, box.K0 + k), ni)
                    .CopyTo(crop.Voxels.AsSpan(cropGeometry.LinearIndex(0, j, k), ni));
            }
        }

        return crop;
    }
}
