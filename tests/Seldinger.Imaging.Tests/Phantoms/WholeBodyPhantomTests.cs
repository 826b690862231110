using System.Text.Json;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;

namespace Seldinger.Imaging.Tests.Phantoms;

public partial class WholeBodyPhantomTests
{
    private static readonly double[] Ages = [0, 1, 5, 10, 15];

    public static TheoryData<string, double> CaseAges()
    {
        var data = new TheoryData<string, double>();
        foreach (var c in PhantomCatalogue.Cases)
        {
            foreach (var age in Ages)
            {
                data.Add(c.Name, age);
            }
        }

        return data;
    }

    public static TheoryData<double> AllAges() => [.. Ages];

    private static WholeBodyPhantomResult Small(string name, double age, int seed = 1, double? noise = null, ContrastPhase? phase = null) =>
        WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = name, AgeYears = age, Size = 64, SliceCount = 40, Seed = seed, NoiseSigmaHu = noise, Phase = phase });

    /// <summary>One axial slice (or a thin slab) of <paramref name="n"/>×<paramref name="m"/> voxels centred on (x, y) at height z.</summary>
    private static VolumeGeometry Patch(double x, double y, double z, int n, int m, double spacing, int slices = 1, double thickness = 1) =>
        new(n, m, slices, new WorldPoint(x - ((n - 1) * spacing / 2), y - ((m - 1) * spacing / 2), z - ((slices - 1) * thickness / 2)), spacing, spacing, thickness);

    private static WholeBodyPhantomResult OnGrid(string name, double age, VolumeGeometry geometry, ContrastPhase? phase = null) =>
        WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = name, AgeYears = age, Geometry = geometry, NoiseSigmaHu = 0, Phase = phase });

    [Fact]
    public void Generate_SameSeed_IdenticalVoxels()
    {
        var a = Small("deep-abscess", 5, seed: 3);
        var b = Small("deep-abscess", 5, seed: 3);
        Assert.Equal(a.Hounsfield.Voxels, b.Hounsfield.Voxels);
        Assert.Equal(a.Labels.Voxels, b.Labels.Voxels);
        Assert.Equal(a.Description, b.Description);
        Assert.Equal(PhantomManifest.ToJson(a), PhantomManifest.ToJson(b));
    }

    [Fact]
    public void Generate_OtherSeed_SameLabelsOtherNoiseOnly()
    {
        var a = Small("liver-tumor", 10, seed: 3);
        var b = Small("liver-tumor", 10, seed: 4);
        var clean = Small("liver-tumor", 10, noise: 0);
        Assert.Equal(a.Labels.Voxels, b.Labels.Voxels);
        var differing = a.Hounsfield.Voxels.Zip(b.Hounsfield.Voxels).Count(p => p.First != p.Second);
        Assert.True(differing > a.Hounsfield.Voxels.Length * 0.8, $"only {differing} voxels differ");

        // The noise-free image is the same for both seeds' anatomy: the mean difference to it is ~0.
        var meanA = a.Hounsfield.Voxels.Zip(clean.Hounsfield.Voxels).Where(p => p.Second > -1000).Average(p => p.First - p.Second);
        Assert.InRange(meanA, -0.5, 0.5);
    }

    [Theory]
    [MemberData(nameof(CaseAges))]
    public void Generate_EveryCaseAndAge_TargetLabelAtTheManifestCentre(string name, double age)
    {
        var c = Small(name, age);
        Assert.True(c.Labels.Geometry.TryGetVoxel(c.Target.Center, out var voxel), $"target {c.Target.Center} outside the grid");
        Assert.Equal((byte)c.Target.Label, c.Labels[voxel]);
        Assert.Equal(c.Case.TargetLabel, c.Target.Label);
        var manifest = JsonDocument.Parse(PhantomManifest.ToJson(c)).RootElement;
        var centre = manifest.GetProperty("pathology").GetProperty("centerMm").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.True(new WorldPoint(centre[0], centre[1], centre[2]).DistanceTo(c.Target.Center) < 1e-3);
        Assert.Equal(c.Target.Label.ToString(), manifest.GetProperty("pathology").GetProperty("label").GetString());
        Assert.Contains(manifest.GetProperty("labels").EnumerateArray(), l => l.GetProperty("value").GetInt32() == (int)c.Target.Label);
    }

    [Theory]
    [MemberData(nameof(CaseAges))]
    public void Generate_EveryCaseAndAge_TargetDrawnAroundItsCentreOnAFineGrid(string name, double age)
    {
        // 8×8×8 voxels centred on the target: its centre is a corner shared by the middle 2×2×2 voxels,
        // so a target drawn only as the one forced voxel fails; a real one fills all eight.
        var probe = Small(name, age);
        var t = probe.Target;
        var spacing = t.SizeMm / 10;
        var g = Patch(t.Center.X, t.Center.Y, t.Center.Z, 8, 8, spacing, 8, spacing);
        var c = OnGrid(name, age, g);
        var inside = 0;
        for (var k = 3; k <= 4; k++)
        {
            for (var j = 3; j <= 4; j++)
            {
                for (var i = 3; i <= 4; i++)
                {
                    inside += c.Labels[i, j, k] == (byte)t.Label ? 1 : 0;
                }
            }
        }

        Assert.True(inside == 8, $"{name} at {age} y: {inside} of the 8 central voxels are {t.Label}");
    }

    [Theory]
    [MemberData(nameof(AllAges))]
    public void Generate_TrunkWidthAndDepth_MatchTheAnthropometryTable(double age)
    {
        var tables = PediatricAnthropometry.Default;
        var abdomen = Small("liver-tumor", age);
        var chest = Small("pleural-effusion", age);
        Check(abdomen.Landmark("ivc-infrarenal").Point.Z, "liver-tumor", tables.Value("abdomenWidthMm", age), tables.Value("abdomenDepthMm", age));
        Check(chest.Landmark("carina").Point.Z, "pleural-effusion", tables.Value("chestWidthMm", age), tables.Value("chestDepthMm", age));

        void Check(double z, string name, double width, double depth)
        {
            const double Spacing = 0.5;
            var g = Patch(0, 0, z, 800, 500, Spacing);
            var c = OnGrid(name, age, g);
            var (ci, cj) = (400, 250);
            int Run(int di, int dj)
            {
                var n = 0;
                while (c.Labels[ci + ((n + 1) * di), cj + ((n + 1) * dj), 0] != 0)
                {
                    n++;
                }

                return n;
            }

            var measuredWidth = (Run(1, 0) + Run(-1, 0) + 1) * Spacing;
            var measuredDepth = (Run(0, 1) + Run(0, -1) + 1) * Spacing;
            Assert.InRange(measuredWidth, width * 0.97, width * 1.03);
            Assert.InRange(measuredDepth, depth * 0.97, depth * 1.03);
        }
    }

    public static TheoryData<string, string> VesselLandmarks() => new()
    {
        { "aorta-abdominal", "abdominalAortaMm" },
        { "ivc-infrarenal", "inferiorVenaCavaMm" },
        { "superior-vena-cava", "superiorVenaCavaMm" },
        { "right-internal-jugular-vein", "internalJugularVeinMm" },
        { "left-internal-jugular-vein", "internalJugularVeinMm" },
        { "right-common-carotid-artery", "commonCarotidMm" },
        { "right-basilic-vein", "basilicVeinMm" },
        { "left-basilic-vein", "basilicVeinMm" },
        { "right-femoral-artery", "femoralArteryMm" },
        { "left-femoral-vein", "femoralVeinMm" },
    };

    [Theory]
    [MemberData(nameof(VesselLandmarks))]
    public void Generate_VesselDiameterOnTheLabelMap_MatchesTheTable(string landmark, string key)
    {
        foreach (var age in Ages)
        {
            var expected = PediatricAnthropometry.Default.Value(key, age);
            var l = Small("picc-arm", age).Landmark(landmark);
            Assert.Equal(expected, l.DiameterMm!.Value, 9);
            Assert.True(Math.Abs(l.Axis!.Value.Z) > 0.999, $"{landmark} is not vertical at its landmark");
            Assert.Contains(l.Label, new[] { TissueLabel.Artery, TissueLabel.Vein });

            // Cross-section of one axial slice, voxels of an eighth of the expected diameter; the
            // connected region of the vessel's label around the centre gives the equivalent diameter.
            var spacing = expected / 8;
            var g = Patch(l.Point.X, l.Point.Y, l.Point.Z, 41, 41, spacing);
            var c = OnGrid("picc-arm", age, g);
            var area = FloodArea(c.Labels, 20, 20, (byte)l.Label) * spacing * spacing;
            var measured = 2 * Math.Sqrt(area / Math.PI);
            Assert.True(Math.Abs(measured - expected) <= 2 * spacing, $"{landmark} at {age} y: {measured:F2} mm on the label map, table {expected} mm");
        }
    }

    [Fact]
    public void Generate_FullSizeGrid_AortaDiameterWithinTwoVoxels()
    {
        var c = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "renal-artery-stenosis", AgeYears = 15, Size = 256, NoiseSigmaHu = 0 });
        var l = c.Landmark("aorta-abdominal");
        var g = c.Labels.Geometry;
        Assert.True(g.TryGetVoxel(l.Point, out var v));
        var area = FloodArea(c.Labels, v.I, v.J, (byte)TissueLabel.Artery, v.K) * g.SpacingI * g.SpacingJ;
        var measured = 2 * Math.Sqrt(area / Math.PI);
        Assert.True(Math.Abs(measured - PediatricAnthropometry.Default.Value("abdominalAortaMm", 15)) <= 2 * g.SpacingI, $"aorta {measured:F1} mm at {g.SpacingI:F2} mm voxels");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(15)]
    public void Generate_UnderEveryRib_AnIntercostalVeinAndArteryInferiorToIt(double age)
    {
        var probe = Small("pleural-effusion", age);
        foreach (var side in new[] { "right", "left" })
        {
            for (var n = 1; n <= 12; n++)
            {
                var rib = probe.Landmark($"rib-{side}-{n}").Point;
                Assert.Equal(TissueLabel.Bone, probe.Landmark($"rib-{side}-{n}").Label);

                // A thin x–z sheet through the rib's centre, from the rib's centre down 30 mm: the rib, the
                // intercostal space below it, and the next rib (if any).
                const double Spacing = 0.1;
                const int Slices = 300;
                var g = new VolumeGeometry(60, 1, Slices, new WorldPoint(rib.X - 3, rib.Y, rib.Z - ((Slices - 1) * Spacing)), Spacing, Spacing, Spacing);
                var c = OnGrid("pleural-effusion", age, g);
                bool HasBone(int k) => Enumerable.Range(0, 60).Any(i => c.Labels[i, 0, k] == (byte)TissueLabel.Bone);
                var k0 = Slices - 1;
                Assert.True(HasBone(k0), $"{side} rib {n} at {age} y: no bone at its centre");
                var kBottom = k0;
                while (kBottom > 0 && HasBone(kBottom - 1))
                {
                    kBottom--;
                }

                var kNext = kBottom - 1;
                while (kNext > 0 && !HasBone(kNext))
                {
                    kNext--;
                }

                var ribBottom = g.Origin.Z + (kBottom * Spacing);
                double veinTop = double.NegativeInfinity, arteryTop = double.NegativeInfinity;
                var veins = 0;
                var arteries = 0;
                for (var k = kNext + 1; k < kBottom; k++)
                {
                    var z = g.Origin.Z + (k * Spacing);
                    for (var i = 0; i < 60; i++)
                    {
                        var label = (TissueLabel)c.Labels[i, 0, k];
                        if (label == TissueLabel.Vein)
                        {
                            veins++;
                            veinTop = Math.Max(veinTop, z);
                        }
                        else if (label == TissueLabel.Artery)
                        {
                            arteries++;
                            arteryTop = Math.Max(arteryTop, z);
                        }
                    }
                }

                Assert.True(veins > 0 && arteries > 0, $"{side} rib {n} at {age} y: {veins} vein and {arteries} artery voxels under it");
                Assert.True(arteryTop < veinTop, $"{side} rib {n} at {age} y: vein top {veinTop:F2}, artery top {arteryTop:F2}, rib bottom {ribBottom:F2} (vein, artery, nerve from above)");
                Assert.True(ribBottom - veinTop < 1, $"{side} rib {n} at {age} y: the vein lies {ribBottom - veinTop:F2} mm below the rib");
            }
        }
    }

    [Fact]
    public void Generate_Phases_VesselsEnhanceAsExpected()
    {
        double At(ContrastPhase phase, string landmark)
        {
            var probe = Small("liver-tumor", 10);
            var p = probe.Landmark(landmark).Point;
            var c = OnGrid("liver-tumor", 10, Patch(p.X, p.Y, p.Z, 3, 3, 0.2), phase);
            Assert.Equal(probe.Landmark(landmark).Label, (TissueLabel)c.Labels[1, 1, 0]);
            return c.Hounsfield[1, 1, 0];
        }

        Assert.True(At(ContrastPhase.Arterial, "aorta-abdominal") > 200);
        Assert.True(At(ContrastPhase.None, "aorta-abdominal") < 60);
        Assert.True(At(ContrastPhase.Portal, "portal-vein") > 150);
        Assert.True(At(ContrastPhase.None, "portal-vein") < 60);
        Assert.True(At(ContrastPhase.Arterial, "portal-vein") < At(ContrastPhase.Portal, "portal-vein"));

        // Parenchyma: the liver enhances most in the portal phase; the lesion stays darker than the liver.
        var none = Small("liver-tumor", 10, noise: 0, phase: ContrastPhase.None);
        var portal = Small("liver-tumor", 10, noise: 0, phase: ContrastPhase.Portal);
        Assert.True(Mean(portal, TissueLabel.Liver) > Mean(none, TissueLabel.Liver) + 30);
        Assert.True(Mean(portal, TissueLabel.Lesion) < Mean(portal, TissueLabel.Liver) - 20);
    }

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(10, 8.0)]
    public void Generate_Dose_NoiseInAUniformRegionMatchesTheModel(double age, double dose)
    {
        var t = PediatricAnthropometry.Default;
        var c = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "liver-tumor", AgeYears = age, Size = 96, SliceCount = 24, DoseMgy = dose });
        var d = Math.Sqrt(t.Value("abdomenWidthMm", age) * t.Value("abdomenDepthMm", age));
        var expected = t.Constant("referenceSigmaHu") * Math.Sqrt(t.Constant("referenceDoseMgy") / dose)
            * Math.Exp(t.Constant("attenuationPerMm") * (d - t.Constant("referenceDiameterMm")) / 2);
        Assert.Equal(expected, c.NoiseSigmaHu, 6);

        // Fat is one material (−100 HU) everywhere: its spread is the noise (plus rounding to whole HU).
        var fat = Enumerable.Range(0, c.Labels.Voxels.Length).Where(n => c.Labels.Voxels[n] == (byte)TissueLabel.Fat).Select(n => (double)c.Hounsfield.Voxels[n]).ToArray();
        Assert.True(fat.Length > 5000, $"{fat.Length} fat voxels");
        var mean = fat.Average();
        var sd = Math.Sqrt(fat.Sum(v => (v - mean) * (v - mean)) / (fat.Length - 1));
        var withRounding = Math.Sqrt((expected * expected) + (1.0 / 12));
        Assert.InRange(sd, withRounding * 0.9, withRounding * 1.1);
        Assert.InRange(mean, -102, -98);

        // Four times the dose halves the noise.
        var quarter = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "liver-tumor", AgeYears = age, Size = 96, SliceCount = 24, DoseMgy = 4 * dose });
        Assert.Equal(c.NoiseSigmaHu / 2, quarter.NoiseSigmaHu, 9);
    }

    [Fact]
    public void Generate_NoiseOverridesDose()
    {
        var c = Small("ascites", 5, noise: 0);
        Assert.Null(c.DoseMgy);
        Assert.Equal(0, c.NoiseSigmaHu);
        var fat = Enumerable.Range(0, c.Labels.Voxels.Length).Where(n => c.Labels.Voxels[n] == (byte)TissueLabel.Fat).Select(n => c.Hounsfield.Voxels[n]).Distinct().ToArray();
        Assert.Equal(new short[] { -100 }, fat);
    }

    [Fact]
    public void Generate_BadInput_ClearErrors()
    {
        var unknown = Assert.Throws<ArgumentException>(() => WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "nope" }));
        Assert.Contains("liver-tumor", unknown.Message, StringComparison.Ordinal);
        var age = Assert.Throws<ArgumentException>(() => WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "ascites", AgeYears = 16 }));
        Assert.Contains("0–15", age.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "ascites", DoseMgy = 0 }));
        Assert.Throws<ArgumentException>(() => WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "ascites", Size = 4 }));
    }

    [Fact]
    public void Generate_Anatomy_OrgansAndStructuresPresentWhereExpected()
    {
        var abdomen = Count(Small("liver-tumor", 5));
        foreach (var label in new[] { TissueLabel.Liver, TissueLabel.Kidney, TissueLabel.Spleen, TissueLabel.Stomach, TissueLabel.Bowel, TissueLabel.Artery, TissueLabel.Vein, TissueLabel.Bone, TissueLabel.SpinalCanal, TissueLabel.Muscle, TissueLabel.Fat, TissueLabel.Skin })
        {
            Assert.True(abdomen[(int)label] > 0, $"no {label} in the abdomen");
        }

        var chest = Count(Small("port-chest", 5));
        foreach (var label in new[] { TissueLabel.Lung, TissueLabel.Heart, TissueLabel.Airway, TissueLabel.Artery, TissueLabel.Vein })
        {
            Assert.True(chest[(int)label] > 0, $"no {label} in the chest");
        }

        var pelvis = Count(Small("hip-effusion", 10));
        Assert.True(pelvis[(int)TissueLabel.Bladder] > 0);
        Assert.True(pelvis[(int)TissueLabel.Cartilage] > 0);
        var knee = Count(WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "knee-effusion", AgeYears = 10, Size = 128, SliceCount = 60 }));
        foreach (var label in new[] { TissueLabel.Cartilage, TissueLabel.Bone, TissueLabel.Artery, TissueLabel.Vein, TissueLabel.JointEffusion })
        {
            Assert.True(knee[(int)label] > 0, $"no {label} at the knee");
        }

        Assert.Equal(0, knee[(int)TissueLabel.Lung]);
    }

    [Fact]
    public void Catalogue_HasOneCasePerProcedureWithRegionAndPhase()
    {
        var names = PhantomCatalogue.Cases.Select(c => c.Name).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        foreach (var required in new[] { "liver-tumor", "osteoid-osteoma-femur", "renal-mass", "pleural-effusion", "ascites", "deep-abscess", "knee-effusion", "hip-effusion", "picc-arm", "port-chest", "dialysis-jugular", "gastrostomy", "renal-artery-stenosis", "aneurysm", "venous-malformation", "lymphatic-malformation", "vesicles" })
        {
            Assert.Contains(required, names);
        }

        Assert.Equal(ContrastPhase.Arterial, PhantomCatalogue.Find("aneurysm")!.DefaultPhase);
        Assert.Equal(ContrastPhase.Arterial, PhantomCatalogue.Find("renal-artery-stenosis")!.DefaultPhase);
        Assert.Null(PhantomCatalogue.Find("nope"));
    }

    [Fact]
    public void Anthropometry_EveryTableHasASourceAndInterpolatesLinearly()
    {
        var t = PediatricAnthropometry.Default;
        Assert.Equal(Ages, t.Ages);
        Assert.All(t.Tables, table => Assert.False(string.IsNullOrWhiteSpace(table.Source)));
        Assert.Equal((t.Value("statureMm", 1) + t.Value("statureMm", 5)) / 2, t.Value("statureMm", 3), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Value("statureMm", -1));
        Assert.Throws<ArgumentException>(() => t.Value("nope", 1));
        Assert.Throws<FormatException>(() => PediatricAnthropometry.Parse("""{"ages":[0,1],"tables":[{"name":"x","source":"s","status":"verify","values":{"a":[1]}}]}"""));
    }

    private static long[] Count(WholeBodyPhantomResult c)
    {
        var counts = new long[256];
        foreach (var v in c.Labels.Voxels)
        {
            counts[v]++;
        }

        return counts;
    }

    private static double Mean(WholeBodyPhantomResult c, TissueLabel label) =>
        Enumerable.Range(0, c.Labels.Voxels.Length).Where(n => c.Labels.Voxels[n] == (byte)label).Average(n => (double)c.Hounsfield.Voxels[n]);

    private static int FloodArea(Volume<byte> labels, int i0, int j0, byte value, int k = 0)
    {
        var g = labels.Geometry;
        if (labels[i0, j0, k] != value)
        {
            return 0;
        }

        var seen = new bool[g.SizeI, g.SizeJ];
        var stack = new Stack<(int I, int J)>();
        stack.Push((i0, j0));
        seen[i0, j0] = true;
        var area = 0;
        while (stack.Count > 0)
        {
            var (i, j) = stack.Pop();
            area++;
            foreach (var (di, dj) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
            {
                int ni = i + di, nj = j + dj;
                if (ni >= 0 && nj >= 0 && ni < g.SizeI && nj < g.SizeJ && !seen[ni, nj] && labels[ni, nj, k] == value)
                {
                    seen[ni, nj] = true;
                    stack.Push((ni, nj));
                }
            }
        }

        return area;
    }
}
