using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Registration;

namespace Seldinger.Imaging.Tests.Registration;

public sealed class RigidTransformTests
{
    [Fact]
    public void InverseAndCompose_RandomTransforms_AgreeWithPointByPointApplication()
    {
        var random = new Random(21);
        for (var trial = 0; trial < 50; trial++)
        {
            var a = new RigidTransform(TestRandom.RandomRotation(random), RandomVector(random));
            var b = new RigidTransform(TestRandom.RandomRotation(random), RandomVector(random));
            var p = new WorldPoint((random.NextDouble() - 0.5) * 500, (random.NextDouble() - 0.5) * 500, (random.NextDouble() - 0.5) * 500);
            Assert.True(a.Inverse().Apply(a.Apply(p)).DistanceTo(p) < 1e-9);
            Assert.True(RigidTransform.Compose(a, b).Apply(p).DistanceTo(b.Apply(a.Apply(p))) < 1e-9);
            var round = RigidTransform.FromMatrix4x4(a.ToMatrix4x4());
            Assert.True(round.Apply(p).DistanceTo(a.Apply(p)) < 1e-12);
        }
    }

    [Fact]
    public void FromEulerAngles_RotationAboutCentre_KeepsTheCentreAndTurnsByTheAngle()
    {
        var centre = new WorldPoint(10, -20, 30);
        var t = RigidTransform.FromEulerAngles(centre, 0, 0, Math.PI / 2, new Vector3D(1, 2, 3));
        Assert.True(t.Apply(centre).DistanceTo(centre + new Vector3D(1, 2, 3)) < 1e-12);

        // +90° about Z takes +X to +Y.
        Assert.True(t.Apply(centre + Vector3D.UnitX).DistanceTo(centre + new Vector3D(1, 3, 3)) < 1e-12);
        Assert.Equal(Math.PI / 2, t.RotationAngle, 12);
    }

    [Fact]
    public void DifferenceAt_PureTranslation_IsItsLengthEverywhere()
    {
        var t = RigidTransform.FromEulerAngles(default, 0, 0, 0, new Vector3D(3, 4, 0));
        var d = t.DifferenceAt(RigidTransform.Identity, [new WorldPoint(0, 0, 0), new WorldPoint(100, -5, 2)]);
        Assert.Equal(5, d.RmsMm, 12);
        Assert.Equal(5, d.MaxMm, 12);
    }

    [Fact]
    public void Constructors_NotARotationOrBadMatrix_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new RigidTransform(new Matrix3(2, 0, 0, 0, 1, 0, 0, 0, 1), Vector3D.Zero));
        Assert.Throws<ArgumentException>(() => new RigidTransform(new Matrix3(-1, 0, 0, 0, 1, 0, 0, 0, 1), Vector3D.Zero));
        Assert.Throws<ArgumentException>(() => new RigidTransform(Matrix3.Identity, new Vector3D(double.NaN, 0, 0)));
        Assert.Throws<ArgumentException>(() => RigidTransform.FromMatrix4x4(new double[12]));
        var bottom = RigidTransform.Identity.ToMatrix4x4();
        bottom[12] = 1;
        Assert.Throws<ArgumentException>(() => RigidTransform.FromMatrix4x4(bottom));
    }

    private static Vector3D RandomVector(Random random) =>
        new((random.NextDouble() - 0.5) * 100, (random.NextDouble() - 0.5) * 100, (random.NextDouble() - 0.5) * 100);
}
