using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests.Geometry;

public class Vector3DTests
{
    [Fact]
    public void Cross_UnitAxes_IsRightHanded()
    {
        Assert.Equal(Vector3D.UnitZ, Vector3D.UnitX.Cross(Vector3D.UnitY));
        Assert.Equal(Vector3D.UnitX, Vector3D.UnitY.Cross(Vector3D.UnitZ));
    }

    [Fact]
    public void Cross_RandomVectors_IsPerpendicularToBoth()
    {
        var random = new Random(31);
        for (var trial = 0; trial < 100; trial++)
        {
            var a = new Vector3D(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5);
            var b = new Vector3D(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5);
            var c = a.Cross(b);
            Assert.Equal(0, c.Dot(a), 1e-12);
            Assert.Equal(0, c.Dot(b), 1e-12);
        }
    }

    [Fact]
    public void Normalized_Vector_HasUnitLength()
    {
        var v = new Vector3D(3, 4, 12);
        Assert.Equal(13, v.Length, 1e-12);
        Assert.Equal(1, v.Normalized.Length, 1e-12);
        Assert.Equal(new Vector3D(6, 8, 24), v * 2);
        Assert.Equal(new Vector3D(6, 8, 24), 2 * v);
    }

    [Fact]
    public void Normalized_ZeroVector_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Vector3D.Zero.Normalized);
}
