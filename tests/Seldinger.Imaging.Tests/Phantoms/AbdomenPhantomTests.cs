using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;

namespace Seldinger.Imaging.Tests.Phantoms;

public class AbdomenPhantomTests(DefaultPhantomFixture fixture) : IClassFixture<DefaultPhantomFixture>
{
    private static readonly AbdomenPhantomOptions Small = new() { Columns = 96, Rows = 96, SliceCount = 24, PixelSpacingMm = 2.8, SliceThicknessMm = 7.5 };

    private PhantomCase Case => fixture.Case;

    [Fact]
    public void Generate_SameSeed_IdenticalVoxels()
    {
        var a = AbdomenPhantom.Generate(Small with { Seed = 7 });
        var b = AbdomenPhantom.Generate(Small with { Seed = 7 });
        Assert.Equal(a.Hounsfield.Voxels, b.Hounsfield.Voxels);
        Assert.Equal(a.Labels.Voxels, b.Labels.Voxels);
        Assert.Equal(a.Description, b.Description);
    }

    [Fact]
    public void Generate_DifferentSeed_SameAnatomyDifferentNoise()
    {
        var a = AbdomenPhantom.Generate(Small with { Seed = 7 });
        var b = AbdomenPhantom.Generate(Small with { Seed = 8 });
        Assert.Equal(a.Labels.Voxels, b.Labels.Voxels);
        var differing = a.Hounsfield.Voxels.Zip(b.Hounsfield.Voxels).Count(p => p.First != p.Second);
        Assert.True(differing > a.Hounsfield.Voxels.Length * 0.9, $"only {differing} voxels differ");
    }

    [Fact]
    public void Generate_NoNoise_EachLabelHasFewDistinctValues()
    {
        var c = AbdomenPhantom.Generate(Small with { NoiseSigmaHu = 0 });
        for (var n = 0; n < c.Labels.Voxels.Length; n++)
        {
            var label = (TissueLabel)c.Labels.Voxels[n];
            short hu = c.Hounsfield.Voxels[n];
            switch (label)
            {
                case TissueLabel.Background: Assert.Equal(-1000, hu); break;
                case TissueLabel.Fat: Assert.Equal(-100, hu); break;
                case TissueLabel.Liver: Assert.Equal(60, hu); break;
                case TissueLabel.Vessel: Assert.Equal(180, hu); break;
                case TissueLabel.Lesion: Assert.Equal(35, hu); break;
                case TissueLabel.Bowel: Assert.Contains(hu, new short[] { -900, 10, 40 }); break;
                case TissueLabel.Bone: Assert.True(hu >= 700, $"bone at {hu} HU"); break;
            }
        }
    }

    [Fact]
    public void Generate_Default_GeometryIsAxialCentredInferiorToSuperior()
    {
        var g = Case.Hounsfield.Geometry;
        Assert.Equal(Matrix3.Identity, g.Direction);
        Assert.Equal((256, 256), (g.SizeI, g.SizeJ));
        Assert.InRange(g.SizeK, 64, 80);
        Assert.Equal(2.5, g.SpacingK);
        Assert.Equal(1.0, g.SpacingI, 1e-12);
        Assert.Same(g, Case.Labels.Geometry);
        var first = g.IndexToWorld(new VoxelIndex(0, 0, 0));
        var last = g.IndexToWorld(new VoxelIndex(g.SizeI - 1, g.SizeJ - 1, g.SizeK - 1));
        Assert.True(last.Z > first.Z, "slices run inferior to superior");
        Assert.Equal(0, (first.X + last.X) / 2, 1e-9);
        Assert.Equal(0, (first.Y + last.Y) / 2, 1e-9);
        Assert.Equal(0, (first.Z + last.Z) / 2, 1e-9);
    }

    [Fact]
    public void Generate_Default_BodyFitsInFieldOfView()
    {
        var g = Case.Labels.Geometry;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var n = 0; n < g.SizeI; n++)
            {
                Assert.Equal(0, Case.Labels[n, 0, k]);
                Assert.Equal(0, Case.Labels[n, g.SizeJ - 1, k]);
                Assert.Equal(0, Case.Labels[0, n, k]);
                Assert.Equal(0, Case.Labels[g.SizeI - 1, n, k]);
            }
        }

        // Width of the body at mid-slab, roughly the 6-year-old's 21 cm.
        var mid = g.SizeK / 2;
        var row = g.SizeJ / 2;
        var inside = Enumerable.Range(0, g.SizeI).Where(i => Case.Labels[i, row, mid] != 0).ToArray();
        var widthMm = (inside[^1] - inside[0] + 1) * g.SpacingI;
        Assert.InRange(widthMm, 195, 225);
    }

    [Fact]
    public void Generate_Default_LesionIsInsideTheRightLiverLobe()
    {
        var g = Case.Labels.Geometry;
        Assert.True(g.TryGetVoxel(Case.LesionCenter, out var centre));
        Assert.Equal((byte)TissueLabel.Lesion, Case.Labels[centre]);
        Assert.True(Case.LesionCenter.X < 0, "lesion on the patient's right");
        Assert.Equal(12, Case.LesionRadiusMm, 1e-9);

        var lesionVoxels = 0;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (Case.Labels[i, j, k] != (byte)TissueLabel.Lesion)
                    {
                        continue;
                    }

                    lesionVoxels++;
                    Assert.True(Case.LesionCenter.DistanceTo(g.IndexToWorld(new VoxelIndex(i, j, k))) <= Case.LesionRadiusMm + 1e-9);
                    foreach (var (di, dj, dk) in new[] { (1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1) })
                    {
                        var neighbour = (TissueLabel)Case.Labels[i + di, j + dj, k + dk];
                        Assert.Contains(neighbour, new[] { TissueLabel.Lesion, TissueLabel.Liver, TissueLabel.Vessel });
                    }
                }
            }
        }

        // Sphere volume / voxel volume, within 10 %.
        var expected = 4.0 / 3 * Math.PI * Math.Pow(Case.LesionRadiusMm, 3) / (g.SpacingI * g.SpacingJ * g.SpacingK);
        Assert.InRange(lesionVoxels, expected * 0.9, expected * 1.1);
    }

    [Fact]
    public void Generate_Default_MeanHounsfieldPerLabelInRange()
    {
        var sums = new double[256];
        var counts = new long[256];
        for (var n = 0; n < Case.Labels.Voxels.Length; n++)
        {
            sums[Case.Labels.Voxels[n]] += Case.Hounsfield.Voxels[n];
            counts[Case.Labels.Voxels[n]]++;
        }

        void InRange(TissueLabel label, double low, double high)
        {
            Assert.True(counts[(int)label] > 0, $"no {label} voxels");
            var mean = sums[(int)label] / counts[(int)label];
            Assert.True(mean >= low && mean <= high, $"{label} mean {mean:F1} HU not in [{low}, {high}]");
        }

        InRange(TissueLabel.Background, -1010, -990);
        InRange(TissueLabel.Fat, -110, -90);
        InRange(TissueLabel.Muscle, 40, 60);
        InRange(TissueLabel.Liver, 55, 65);
        InRange(TissueLabel.Lesion, 30, 40);
        InRange(TissueLabel.Vessel, 170, 190);
        InRange(TissueLabel.Bone, 700, 900);
        InRange(TissueLabel.Kidney, 120, 180);
        InRange(TissueLabel.Spleen, 50, 80);
        InRange(TissueLabel.Lung, -900, -800);
        InRange(TissueLabel.Bowel, -700, 40);
        Assert.True(counts[(int)TissueLabel.Skin] > 0);
        Assert.True(counts[(int)TissueLabel.Stomach] > 0);
    }

    [Fact]
    public void Generate_Default_NoiseHasRequestedSigma()
    {
        // Liver voxels away from edges: HU − 60 should be N(0, 12²).
        var values = new List<double>();
        for (var n = 0; n < Case.Labels.Voxels.Length; n++)
        {
            if (Case.Labels.Voxels[n] == (byte)TissueLabel.Liver)
            {
                values.Add(Case.Hounsfield.Voxels[n] - 60.0);
            }
        }

        var mean = values.Average();
        var sigma = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        Assert.InRange(mean, -0.5, 0.5);
        Assert.InRange(sigma, 11.5, 12.5);
    }

    [Fact]
    public void Generate_Default_OrgansOnTheirSides()
    {
        var g = Case.Labels.Geometry;
        var sumX = new double[256];
        var sumY = new double[256];
        var counts = new long[256];
        for (var n = 0; n < Case.Labels.Voxels.Length; n++)
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            int label = Case.Labels.Voxels[n];
            sumX[label] += p.X;
            sumY[label] += p.Y;
            counts[label]++;
        }

        double X(TissueLabel l) => sumX[(int)l] / counts[(int)l];
        double Y(TissueLabel l) => sumY[(int)l] / counts[(int)l];
        Assert.True(X(TissueLabel.Liver) < -10, "liver in the right upper quadrant (−X)");
        Assert.True(X(TissueLabel.Spleen) > 30, "spleen on the left");
        Assert.True(X(TissueLabel.Stomach) > 10, "stomach on the left");
        Assert.True(Y(TissueLabel.Bowel) < 0, "bowel anterior");
        Assert.True(Y(TissueLabel.Kidney) > 20, "kidneys posterior");
        Assert.True(Y(TissueLabel.SpinalCanal) > 40, "spine posterior");

        // Bowel holds both gas and fluid.
        var bowel = Enumerable.Range(0, Case.Labels.Voxels.Length).Where(n => Case.Labels.Voxels[n] == (byte)TissueLabel.Bowel).Select(n => Case.Hounsfield.Voxels[n]).ToArray();
        Assert.Contains(bowel, hu => hu < -700);
        Assert.Contains(bowel, hu => hu is > -40 and < 40);
    }

    [Fact]
    public void Generate_OlderChild_LargerBody()
    {
        var six = AbdomenPhantom.Generate(Small with { PixelSpacingMm = null, Columns = 64, Rows = 64, SliceCount = 4 });
        var fourteen = AbdomenPhantom.Generate(Small with { PixelSpacingMm = null, Columns = 64, Rows = 64, SliceCount = 4, AgeYears = 14 });
        Assert.True(fourteen.Labels.Geometry.SpacingI > six.Labels.Geometry.SpacingI);
        Assert.True(fourteen.LesionCenter.X < six.LesionCenter.X);
        Assert.Equal(0, fourteen.Labels[0, 32, 2]);
    }

    [Theory]
    [InlineData(-1, 12, 256, 2.5)]
    [InlineData(6, -1, 256, 2.5)]
    [InlineData(6, 12, 4, 2.5)]
    [InlineData(6, 12, 256, 0)]
    public void Generate_BadOptions_Throws(double age, double noise, int columns, double thickness) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AbdomenPhantom.Generate(new AbdomenPhantomOptions
        {
            AgeYears = age,
            NoiseSigmaHu = noise,
            Columns = columns,
            SliceThicknessMm = thickness,
        }));
}
