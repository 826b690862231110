using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning.Ablation.Confirmation;

namespace Seldinger.Planning.Tests.Ablation.Confirmation;

/// <summary>
/// The liver-tumor phantom around its lesion: a planning crop (64³ voxels of 1.5 mm) and, drawn apart with other
/// noise, a larger anatomy (88³) from which post-ablation CTs are synthesised on an 80³ field of view.
/// </summary>
internal static class ConfirmationPhantom
{
    public const double Spacing = 1.5;

    private static readonly Lazy<WholeBodyPhantomResult> Small = new(() =>
        WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "liver-tumor", Size = 32, NoiseSigmaHu = 0 }));

    private static readonly Lazy<WholeBodyPhantomResult> PlanningPhantom = new(() => Generate(Grid(64), seed: 1, noise: 10));

    private static readonly Lazy<WholeBodyPhantomResult> SourcePhantom = new(() => Generate(Grid(88), seed: 2, noise: 6));

    private static readonly Lazy<PostAblationCtParameters> DataFile = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryRoot(), "src", "Seldinger.Planning", "Ablation", "Confirmation", "post-ablation-ct.json"));
        return PostAblationCtParameters.Load(stream);
    });

    public static WorldPoint TumorCentre => Small.Value.Target.Center;

    public static double TumorRadiusMm => Small.Value.Target.SizeMm / 2;

    public static WholeBodyPhantomResult Planning => PlanningPhantom.Value;

    public static WholeBodyPhantomResult Source => SourcePhantom.Value;

    public static PostAblationCtParameters Parameters => DataFile.Value;

    public static VolumeGeometry Grid(int size)
    {
        var half = (size - 1) * Spacing / 2;
        var c = TumorCentre;
        return new VolumeGeometry(size, size, size, new WorldPoint(c.X - half, c.Y - half, c.Z - half), Spacing, Spacing, Spacing);
    }

    /// <summary>1 at voxel centres within <paramref name="radiusMm"/> of <paramref name="centre"/>.</summary>
    public static Volume<byte> Sphere(VolumeGeometry grid, WorldPoint centre, double radiusMm)
    {
        var mask = new Volume<byte>(grid);
        for (var n = 0; n < mask.Voxels.Length; n++)
        {
            mask.Voxels[n] = (byte)(grid.IndexToWorld(grid.VoxelAt(n)).DistanceTo(centre) <= radiusMm ? 1 : 0);
        }

        return mask;
    }

    /// <summary>A post-ablation CT of a spherical zone, the patient moved by <paramref name="motion"/>.</summary>
    public static Volume<short> PostCt(WorldPoint zoneCentre, double zoneRadiusMm, Imaging.Registration.RigidTransform motion, int seed = 5)
    {
        var zone = Sphere(Source.Labels.Geometry, zoneCentre, zoneRadiusMm);
        return PostAblationCtSynthesis.Synthesize(Source.Hounsfield, Source.Labels, zone, motion, seed, Parameters, Grid(80));
    }

    public static double Dice(Volume<byte> a, Volume<byte> b)
    {
        long both = 0, countA = 0, countB = 0;
        for (var n = 0; n < a.Voxels.Length; n++)
        {
            var x = a.Voxels[n] != 0;
            var y = b.Voxels[n] != 0;
            countA += x ? 1 : 0;
            countB += y ? 1 : 0;
            both += x && y ? 1 : 0;
        }

        return 2.0 * both / (countA + countB);
    }

    private static WholeBodyPhantomResult Generate(VolumeGeometry grid, int seed, double noise) =>
        WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "liver-tumor", Geometry = grid, Phase = ContrastPhase.Portal, Seed = seed, NoiseSigmaHu = noise });

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Seldinger.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Seldinger.slnx) is not above the test's directory.");
    }
}
