using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Tests.Ablation.Physics;

/// <summary>Homogeneous test maps and zone measurements along a probe axis.</summary>
internal static class ZoneMeasure
{
    /// <summary>A cube of one tissue, 1 mm voxels, centred on the origin.</summary>
    public static Volume<byte> Uniform(int size, TissueLabel label, double spacing = 1)
    {
        var half = (size - 1) * spacing / 2;
        var labels = new Volume<byte>(new VolumeGeometry(size, size, size, new WorldPoint(-half, -half, -half), spacing, spacing, spacing));
        Array.Fill(labels.Voxels, (byte)label);
        return labels;
    }

    /// <summary>
    /// Extent of a mask along the probe axis (length, from the first to the last voxel centre plus one spacing), how far
    /// it reaches beyond the tip, and its width across the axis in the two directions of <paramref name="across"/>
    /// (from the axis to the farthest voxel centre plus half a spacing).
    /// </summary>
    public static (double Length, double BeyondTip, double Plus, double Minus) Extents(Volume<byte> mask, WorldPoint tip, Vector3D axis, Vector3D across)
    {
        var g = mask.Geometry;
        double minAlong = double.PositiveInfinity, maxAlong = double.NegativeInfinity, plus = 0, minus = 0;
        var h = g.SpacingI;
        for (var n = 0; n < mask.Voxels.Length; n++)
        {
            if (mask.Voxels[n] == 0)
            {
                continue;
            }

            var d = g.IndexToWorld(g.VoxelAt(n)) - tip;
            var along = d.Dot(axis);
            minAlong = Math.Min(minAlong, along);
            maxAlong = Math.Max(maxAlong, along);
            var side = d.Dot(across);
            var off = (d - (axis * along) - (across * side)).Length;
            if (off <= h / 2)
            {
                plus = Math.Max(plus, side + (h / 2));
                minus = Math.Max(minus, -side + (h / 2));
            }
        }

        return double.IsInfinity(minAlong) ? (0, 0, 0, 0) : (maxAlong - minAlong + h, maxAlong + (h / 2), plus, minus);
    }
}
