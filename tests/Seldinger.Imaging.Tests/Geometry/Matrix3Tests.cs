using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests.Geometry;

public class Matrix3Tests
{
    private static void AssertClose(Matrix3 expected, Matrix3 actual, double tolerance)
    {
        for (var r = 0; r < 3; r++)
        {
            var e = expected.Row(r);
            var a = actual.Row(r);
            Assert.True((e - a).Length <= tolerance, $"row {r}: expected {e}, got {a}");
        }
    }

    [Fact]
    public void Inverse_RandomRotation_EqualsTranspose()
    {
        var random = new Random(21);
        for (var trial = 0; trial < 200; trial++)
        {
            var r = TestRandom.RandomRotation(random);
            Assert.True(r.IsOrthonormal(1e-12));
            Assert.Equal(1.0, r.Determinant, 1e-12);
            AssertClose(r.Transpose(), r.Inverse(), 1e-12);
            AssertClose(Matrix3.Identity, r * r.Transpose(), 1e-12);
        }
    }

    [Fact]
    public void Inverse_RandomGeneralMatrix_TimesMatrixIsIdentity()
    {
        var random = new Random(22);
        for (var trial = 0; trial < 200; trial++)
        {
            var m = new Matrix3(
                random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2,
                random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2,
                random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2);
            if (Math.Abs(m.Determinant) < 0.05)
            {
                continue;
            }

            AssertClose(Matrix3.Identity, m * m.Inverse(), 1e-9);
        }
    }

    [Fact]
    public void MultiplyVector_RandomInputs_MatchesBruteForceSum()
    {
        var random = new Random(23);
        for (var trial = 0; trial < 100; trial++)
        {
            var m = TestRandom.RandomRotation(random);
            var v = new Vector3D(random.NextDouble(), random.NextDouble(), random.NextDouble());
            var expected = (m.Column(0) * v.X) + (m.Column(1) * v.Y) + (m.Column(2) * v.Z);
            Assert.True((expected - (m * v)).Length < 1e-12);
        }
    }

    [Fact]
    public void Rotation_QuarterTurnAboutZ_TakesXToY()
    {
        var r = Matrix3.Rotation(Vector3D.UnitZ, Math.PI / 2);
        Assert.True(((r * Vector3D.UnitX) - Vector3D.UnitY).Length < 1e-12);
    }

    [Fact]
    public void Inverse_SingularMatrix_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new Matrix3(1, 2, 3, 2, 4, 6, 0, 0, 1).Inverse());
}
