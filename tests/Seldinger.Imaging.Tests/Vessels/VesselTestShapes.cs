using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests.Vessels;

/// <summary>Masks drawn by voxel-centre inclusion from analytic shapes (tubes, spheres), as the phantoms draw them.</summary>
internal static class VesselTestShapes
{
    public static VolumeGeometry Cube(double sizeMm, double spacing) =>
        new((int)Math.Round(sizeMm / spacing), (int)Math.Round(sizeMm / spacing), (int)Math.Round(sizeMm / spacing), WorldPoint.Origin, spacing, spacing, spacing);

    public static Volume<byte> Draw(VolumeGeometry g, Func<WorldPoint, bool> inside)
    {
        var mask = new Volume<byte>(g);
        for (var n = 0; n < mask.Voxels.Length; n++)
        {
            mask.Voxels[n] = inside(g.IndexToWorld(g.VoxelAt(n))) ? (byte)1 : (byte)0;
        }

        return mask;
    }

    /// <summary>Distance from <paramref name="p"/> to the segment a–b, and the position along it (0 at a, 1 at b).</summary>
    public static (double Distance, double T) ToSegment(WorldPoint p, WorldPoint a, WorldPoint b)
    {
        var ab = b - a;
        var t = Math.Clamp((p - a).Dot(ab) / ab.LengthSquared, 0, 1);
        return ((p - a.Lerp(b, t)).Length, t);
    }

    /// <summary>A capsule of radius changing linearly from <paramref name="ra"/> at a to <paramref name="rb"/> at b.</summary>
    public static Func<WorldPoint, bool> Tube(WorldPoint a, WorldPoint b, double ra, double rb) => p =>
    {
        var (d, t) = ToSegment(p, a, b);
        return d <= ra + ((rb - ra) * t);
    };
}
