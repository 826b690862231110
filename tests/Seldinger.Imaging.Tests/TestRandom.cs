using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests;

/// <summary>Helpers for seeded random test inputs.</summary>
internal static class TestRandom
{
    public static Matrix3 RandomRotation(Random random)
    {
        var axis = new Vector3D(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        if (axis.Length < 1e-3)
        {
            axis = Vector3D.UnitZ;
        }

        return Matrix3.Rotation(axis, (random.NextDouble() * 2 * Math.PI) - Math.PI);
    }

    public static VolumeGeometry RandomGeometry(Random random, int maxSize = 12, bool oblique = true) => new(
        random.Next(1, maxSize + 1),
        random.Next(1, maxSize + 1),
        random.Next(1, maxSize + 1),
        new WorldPoint((random.NextDouble() - 0.5) * 400, (random.NextDouble() - 0.5) * 400, (random.NextDouble() - 0.5) * 400),
        0.3 + (random.NextDouble() * 3),
        0.3 + (random.NextDouble() * 3),
        0.3 + (random.NextDouble() * 3),
        oblique ? RandomRotation(random) : Matrix3.Identity);
}
