using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;
using Seldinger.Imaging.Phantoms;

namespace Seldinger.Imaging.Tests.Labels;

public class BodyMasksTests
{
    private static readonly PhantomCase Phantom = AbdomenPhantom.Generate(new AbdomenPhantomOptions { Columns = 96, Rows = 96, SliceCount = 24, PixelSpacingMm = 2.5 });

    private static double Dice(Volume<byte> a, Func<int, bool> truth)
    {
        long both = 0, sa = 0, st = 0;
        for (var n = 0; n < a.Voxels.Length; n++)
        {
            var x = a.Voxels[n] != 0;
            var t = truth(n);
            sa += x ? 1 : 0;
            st += t ? 1 : 0;
            both += x && t ? 1 : 0;
        }

        return sa + st == 0 ? 1 : 2.0 * both / (sa + st);
    }

    private static bool Is(int n, TissueLabel label) => Phantom.Labels.Voxels[n] == (byte)label;

    [Fact]
    public void Body_Phantom_MatchesNonBackgroundLabels()
    {
        var body = BodyMasks.Body(Phantom.Hounsfield);
        var dice = Dice(body, n => !Is(n, TissueLabel.Background));
        Assert.True(dice >= 0.995, $"Dice {dice}");
    }

    [Fact]
    public void Skin_Phantom_IsTheBodySurfaceAndLiesOnTheOuterLabels()
    {
        var body = BodyMasks.Body(Phantom.Hounsfield);
        var skin = BodyMasks.Skin(body);
        var g = body.Geometry;
        for (var n = 0; n < skin.Voxels.Length; n++)
        {
            var v = g.VoxelAt(n);
            var expected = body.Voxels[n] != 0 && new[] { (-1, 0, 0), (1, 0, 0), (0, -1, 0), (0, 1, 0), (0, 0, -1), (0, 0, 1) }
                .Any(o => g.Contains(new VoxelIndex(v.I + o.Item1, v.J + o.Item2, v.K + o.Item3)) && body[v.I + o.Item1, v.J + o.Item2, v.K + o.Item3] == 0);
            Assert.Equal(expected ? 1 : 0, skin.Voxels[n]);
        }

        // The phantom's skin shell is thinner than a 2.5 mm pixel, so where the contour runs obliquely the outermost
        // sampled voxel can be subcutaneous fat: every surface voxel is skin or fat, and at least 90% are skin.
        var onSkinLabel = Enumerable.Range(0, skin.Voxels.Length).Count(n => skin.Voxels[n] != 0 && Is(n, TissueLabel.Skin));
        var onFat = Enumerable.Range(0, skin.Voxels.Length).Count(n => skin.Voxels[n] != 0 && Is(n, TissueLabel.Fat));
        var total = skin.Voxels.Count(x => x != 0);
        Assert.True(total > 0);
        Assert.Equal(total, onSkinLabel + onFat);
        Assert.True(onSkinLabel >= 0.9 * total, $"{onSkinLabel} of {total} surface voxels carry the skin label");
    }

    [Fact]
    public void LungBoneGas_Phantom_MatchGroundTruth()
    {
        var hu = Phantom.Hounsfield;
        var body = BodyMasks.Body(hu);
        var lung = BodyMasks.Lung(hu, body);
        var bone = BodyMasks.Bone(hu, body);
        var gas = BodyMasks.Gas(hu, body, lung);
        // The phantom draws bowel and stomach gas at −900 HU, inside the lung window, so a large gastric
        // bubble is classed as lung: the air inside the body (lung ∪ gas) must match, and nearly every lung voxel must be found
        // (a lung tip cut into pockets under 1 mL by the sampling is dropped as gas).
        bool IsGas(int n) => (Is(n, TissueLabel.Bowel) || Is(n, TissueLabel.Stomach)) && hu.Voxels[n] <= -400;
        var airDice = Dice(LabelMapOperations.Union(lung, gas), n => Is(n, TissueLabel.Lung) || IsGas(n));
        var lungTruth = Enumerable.Range(0, lung.Voxels.Length).Where(n => Is(n, TissueLabel.Lung)).ToArray();
        var boneDice = Dice(bone, n => Is(n, TissueLabel.Bone));
        Assert.NotEmpty(lungTruth);
        var lungRecall = lungTruth.Count(n => lung.Voxels[n] != 0) / (double)lungTruth.Length;
        Assert.True(lungRecall >= 0.98, $"lung recall {lungRecall}");
        Assert.True(airDice >= 0.99, $"air Dice {airDice}");
        Assert.True(boneDice >= 0.99, $"bone Dice {boneDice}");
        Assert.Contains(gas.Voxels, x => x != 0);
        Assert.All(Enumerable.Range(0, gas.Voxels.Length).Where(n => gas.Voxels[n] != 0), n => Assert.True(IsGas(n) || Is(n, TissueLabel.Lung)));
    }
}
