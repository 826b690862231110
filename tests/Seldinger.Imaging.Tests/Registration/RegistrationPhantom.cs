using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;

namespace Seldinger.Imaging.Tests.Registration;

/// <summary>Crops of the liver-tumor phantom around its lesion, for registration tests.</summary>
internal static class RegistrationPhantom
{
    private static readonly Lazy<WorldPoint> TumorCentre = new(() =>
        WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "liver-tumor", Size = 32, NoiseSigmaHu = 0 }).Target.Center);

    public static WorldPoint Centre => TumorCentre.Value;

    /// <summary>A cubic grid of <paramref name="size"/>³ voxels of <paramref name="spacing"/> mm centred on the lesion.</summary>
    public static VolumeGeometry Grid(int size, double spacing)
    {
        var half = (size - 1) * spacing / 2;
        var c = Centre;
        return new VolumeGeometry(size, size, size, new WorldPoint(c.X - half, c.Y - half, c.Z - half), spacing, spacing, spacing);
    }

    public static WholeBodyPhantomResult Generate(VolumeGeometry grid, ContrastPhase phase, int seed, double noise) =>
        WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "liver-tumor", Geometry = grid, Phase = phase, Seed = seed, NoiseSigmaHu = noise });
}
