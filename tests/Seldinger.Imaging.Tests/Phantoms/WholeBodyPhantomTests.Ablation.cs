using System.Text.Json;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;

namespace Seldinger.Imaging.Tests.Phantoms;

/// <summary>Structures that ablation planning must spare: growth plates, bile ducts, the osteoid osteoma next to a physis.</summary>
public partial class WholeBodyPhantomTests
{
    private static readonly string[] PhysisKeys = ["capitalFemoral", "distalFemoral", "proximalTibial"];

    private static string PhysisLandmark(string key) => key switch
    {
        "capitalFemoral" => "physis-capital-femur-right",
        "distalFemoral" => "physis-distal-femur-right",
        _ => "physis-proximal-tibia-right",
    };

    private static double ClosureAge(string key)
    {
        var t = PediatricAnthropometry.Default;
        return (t.Constant(key + "PhysisClosureGirlsYears") + t.Constant(key + "PhysisClosureBoysYears")) / 2;
    }

    /// <summary>The labels along a vertical line through (x, y) from z0 to z1 at the given spacing, on a fine grid.</summary>
    private static (byte[] Labels, double Z0) Column(string name, double age, double x, double y, double z0, double z1, double spacing)
    {
        var n = (int)Math.Ceiling((z1 - z0) / spacing) + 1;
        var g = new VolumeGeometry(1, 1, n, new WorldPoint(x, y, z0), spacing, spacing, spacing);
        return (OnGrid(name, age, g).Labels.Voxels.ToArray(), z0);
    }

    private static (int First, int Last) OnlyRun(byte[] column, TissueLabel label)
    {
        var first = Array.IndexOf(column, (byte)label);
        var last = Array.LastIndexOf(column, (byte)label);
        Assert.True(first >= 0, $"no {label} on the line");
        for (var n = first; n <= last; n++)
        {
            Assert.True(column[n] == (byte)label, $"{label} is not one run: voxel {n} is {(TissueLabel)column[n]}");
        }

        return (first, last);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(15)]
    public void Generate_OpenPhyses_PlateOfTheTableThicknessAtItsLevelInsideBone(double age)
    {
        var tables = PediatricAnthropometry.Default;
        var thickness = tables.Value("physisThicknessMm", age);
        var probe = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "osteoid-osteoma-femur", AgeYears = age, Size = 16, SliceCount = 2 });
        const double s = 0.05;
        foreach (var key in PhysisKeys)
        {
            var name = PhysisLandmark(key);
            if (!(age < ClosureAge(key)))
            {
                continue;
            }

            var l = probe.Landmark(name);
            Assert.Equal(TissueLabel.Physis, l.Label);
            Assert.Equal(thickness, l.ThicknessMm!.Value, 9);

            // Along the vertical through the centre the plate is t / |n_z| thick, centred on the landmark, bone on both sides.
            var along = thickness / Math.Abs(l.Axis!.Value.Z);
            var (column, z0) = Column("osteoid-osteoma-femur", age, l.Point.X, l.Point.Y, l.Point.Z - along - 2, l.Point.Z + along + 2, s);
            var (first, last) = OnlyRun(column, TissueLabel.Physis);
            Assert.InRange((last - first + 1) * s, along - s - 1e-9, along + s + 1e-9);
            Assert.InRange(z0 + ((first + last) / 2.0 * s), l.Point.Z - s, l.Point.Z + s);
            Assert.Equal((byte)TissueLabel.Bone, column[last + 1]);

            // Under the plate: bone, or at the knee the condyles, which the model draws as cartilage with the joint.
            TissueLabel[] under = key == "distalFemoral" ? [TissueLabel.Bone, TissueLabel.Cartilage] : [TissueLabel.Bone];
            Assert.Contains((TissueLabel)column[first - 1], under);
        }
    }

    [Fact]
    public void Generate_PhysisPresence_FollowsTheClosureAgesOfTheTables()
    {
        for (var age = 0.0; age <= 15; age += 0.5)
        {
            var c = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "hip-effusion", AgeYears = age, Size = 16, SliceCount = 1 });
            foreach (var key in PhysisKeys)
            {
                var open = c.Landmarks.Any(l => l.Name == PhysisLandmark(key));
                Assert.True(open == age < ClosureAge(key), $"{key} at {age} y: landmark {(open ? "present" : "absent")}, closure at {ClosureAge(key)} y");
            }
        }

        // The sex-averaged ages: the capital femoral physis closes by 15, the knee physes are still open then.
        Assert.InRange(ClosureAge("capitalFemoral"), 14, 15);
        Assert.InRange(ClosureAge("distalFemoral"), 15.5, 17);
        Assert.InRange(ClosureAge("proximalTibial"), 15.5, 17);
    }

    [Fact]
    public void Generate_ClosedCapitalPhysis_NoPhysisVoxelsInTheFemoralHead()
    {
        int PhysisInHead(double age)
        {
            var head = Small("hip-effusion", age).Landmark("right-hip-joint").Point;
            var g = Patch(head.X, head.Y, head.Z, 40, 40, 1.0, 40, 1.0);
            return OnGrid("hip-effusion", age, g).Labels.Voxels.Count(v => v == (byte)TissueLabel.Physis);
        }

        Assert.True(PhysisInHead(10) > 50);
        Assert.Equal(0, PhysisInHead(15));
    }

    [Fact]
    public void Generate_DistalFemoralPhysis_SpansTheWholeBoneAtItsLevel()
    {
        // In the plate's mid-plane no bone touches the plate: it reaches the bone's surface all round.
        var l = Small("knee-effusion", 10).Landmark("physis-distal-femur-right");
        var g = Patch(l.Point.X, l.Point.Y, l.Point.Z, 120, 120, 0.25);
        var labels = OnGrid("knee-effusion", 10, g).Labels;
        var plate = 0;
        var touching = 0;
        for (var j = 1; j < 119; j++)
        {
            for (var i = 1; i < 119; i++)
            {
                if (labels[i, j, 0] == (byte)TissueLabel.Physis)
                {
                    plate++;
                }
                else if (labels[i, j, 0] == (byte)TissueLabel.Bone &&
                    (labels[i - 1, j, 0] == (byte)TissueLabel.Physis || labels[i + 1, j, 0] == (byte)TissueLabel.Physis ||
                     labels[i, j - 1, 0] == (byte)TissueLabel.Physis || labels[i, j + 1, 0] == (byte)TissueLabel.Physis))
                {
                    touching++;
                }
            }
        }

        Assert.True(plate > 2000, $"plate area {plate} voxels");
        Assert.Equal(0, touching);
    }

    [Fact]
    public void Generate_CoarseGrid_PlatesThinnerThanASliceStillDrawn()
    {
        // 2.2 mm slices at 10 years (plate 1.5 mm): at least one slice of physis in each knee.
        var c = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "knee-effusion", AgeYears = 10, Size = 64, SliceCount = 40 });
        Assert.True(c.Labels.Geometry.SpacingK > c.Landmark("physis-distal-femur-right").ThicknessMm);
        foreach (var name in new[] { "physis-distal-femur-right", "physis-distal-femur-left", "physis-proximal-tibia-right", "physis-proximal-tibia-left" })
        {
            var p = c.Landmark(name).Point;
            Assert.True(c.Labels.Geometry.TryGetVoxel(p, out var v));
            var k = v.K;
            var found = Enumerable.Range(Math.Max(0, k - 1), 3).Any(kk => kk < c.Labels.Geometry.SizeK && c.Labels[v.I, v.J, kk] == (byte)TissueLabel.Physis);
            Assert.True(found, $"{name}: no physis in the slices around {p}");
        }
    }

    public static TheoryData<double> BileDuctAges() => [1, 5, 15];

    [Theory]
    [MemberData(nameof(BileDuctAges))]
    public void Generate_BileDucts_OneConnectedTreeFromTheLiverTowardsTheDuodenumApartFromThePortalVein(double age)
    {
        var probe = Small("liver-tumor", age);
        var confluence = probe.Landmark("bile-duct-confluence");
        var mid = probe.Landmark("common-bile-duct").Point;
        var bend = new WorldPoint((2 * mid.X) - confluence.Point.X, (2 * mid.Y) - confluence.Point.Y, (2 * mid.Z) - confluence.Point.Z);
        WorldPoint[] points = [.. new[] { "bile-duct-confluence", "common-bile-duct-distal", "right-hepatic-duct", "left-hepatic-duct" }.Select(n => probe.Landmark(n).Point), bend];
        const double s = 0.5;
        const double margin = 4;
        double x0 = points.Min(p => p.X) - margin, y0 = points.Min(p => p.Y) - margin, z0 = points.Min(p => p.Z) - margin;
        int ni = (int)Math.Ceiling((points.Max(p => p.X) + margin - x0) / s), nj = (int)Math.Ceiling((points.Max(p => p.Y) + margin - y0) / s), nk = (int)Math.Ceiling((points.Max(p => p.Z) + margin - z0) / s);
        var g = new VolumeGeometry(ni, nj, nk, new WorldPoint(x0, y0, z0), s, s, s);
        var labels = OnGrid("liver-tumor", age, g).Labels;

        Assert.Equal(TissueLabel.BileDuct, confluence.Label);
        var duct = (byte)TissueLabel.BileDuct;
        var total = labels.Voxels.Count(v => v == duct);
        Assert.True(labels.Geometry.TryGetVoxel(confluence.Point, out var seed));
        Assert.Equal(total, Component26(labels, seed, duct));

        // Every end of the tree is drawn; the tree lies in the liver at the hilum and leaves it into fat towards the duodenum.
        foreach (var p in points)
        {
            Assert.True(labels.Geometry.TryGetVoxel(p, out var v));
            Assert.Equal(duct, labels[v]);
        }

        var neighbours = NeighbourCounts(labels, duct);
        Assert.True(neighbours[(int)TissueLabel.Liver] > 0, "the ducts touch no liver");
        Assert.True(neighbours[(int)TissueLabel.Fat] > 0, "the common bile duct never leaves the liver");
        Assert.Equal(0, neighbours[(int)TissueLabel.Vein]);

        // The common bile duct's lumen: its axial cross-section is the ellipse of the tube cut obliquely.
        var cbd = probe.Landmark("common-bile-duct");
        var r = cbd.DiameterMm!.Value / 2;
        Assert.Equal(PediatricAnthropometry.Default.Value("commonBileDuctMm", age), cbd.DiameterMm!.Value, 9);
        var slice = Patch(cbd.Point.X, cbd.Point.Y, cbd.Point.Z, 60, 60, 0.1);
        var cut = OnGrid("liver-tumor", age, slice).Labels;
        var area = FloodArea(cut, 30, 30, duct) * 0.01;
        var expected = Math.PI * r * r / Math.Abs(cbd.Axis!.Value.Z);
        Assert.InRange(area, 0.85 * expected, 1.15 * expected);
    }

    [Theory]
    [MemberData(nameof(AllAges))]
    public void Generate_CoarseGrid_BileDuctsPresentAndOutsideTheLesion(double age)
    {
        // 64 × 64 pixels of 4–6 mm: the ducts are still drawn, a voxel or two wide (where the portal vein
        // takes part of a voxel row the thin duct may break; connectivity is checked on a fine grid above).
        var c = Small("liver-tumor", age);
        var duct = (byte)TissueLabel.BileDuct;
        var total = c.Labels.Voxels.Count(v => v == duct);
        Assert.True(total >= 3, $"{total} duct voxels");
        Assert.True(c.Labels.Geometry.TryGetVoxel(c.Landmark("bile-duct-confluence").Point, out var seed));
        var near = 0;
        for (var n = 0; n < 27; n++)
        {
            var v = new VoxelIndex(seed.I + (n % 3) - 1, seed.J + (n / 3 % 3) - 1, seed.K + (n / 9) - 1);
            near += c.Labels.Geometry.Contains(v) && c.Labels[v] == duct ? 1 : 0;
        }

        Assert.True(near > 0, "no duct at the hilum");

        // The liver tumour is drawn whole: no duct voxel inside it.
        var t = c.Target;
        for (var n = 0; n < c.Labels.Voxels.Length; n++)
        {
            if (c.Labels.Voxels[n] == duct)
            {
                var k = n / (c.Labels.Geometry.SizeI * c.Labels.Geometry.SizeJ);
                var rest = n % (c.Labels.Geometry.SizeI * c.Labels.Geometry.SizeJ);
                var p = c.Labels.Geometry.IndexToWorld(new VoxelIndex(rest % c.Labels.Geometry.SizeI, rest / c.Labels.Geometry.SizeI, k));
                Assert.True(p.DistanceTo(t.Center) > t.SizeMm / 2, $"duct voxel {p} inside the tumour");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllAges))]
    public void Generate_OsteoidOsteoma_NidusAboveTheOpenDistalFemoralPhysisAsBuilt(double age)
    {
        var probe = Small("osteoid-osteoma-femur", age);
        var t = probe.Target;
        var gap = probe.Landmark("nidus-to-physis");
        var physis = probe.Landmark("physis-distal-femur-right");
        Assert.InRange(gap.DistanceMm!.Value, 10, 20);
        Assert.InRange(t.SizeMm, 4, 10);
        Assert.Equal(physis.Point.Z + (physis.ThicknessMm!.Value / 2), gap.Point.Z, 9);
        Assert.Equal(t.Center.Z - gap.Point.Z, gap.DistanceMm.Value, 9);

        // On the label map: from the top of the plate under the nidus up to the nidus, then the nidus itself.
        const double s = 0.05;
        var (column, z0) = Column("osteoid-osteoma-femur", age, t.Center.X, t.Center.Y, gap.Point.Z - 5, t.Center.Z, s);
        var top = Array.LastIndexOf(column, (byte)TissueLabel.Physis);
        Assert.True(top >= 0, "no physis under the nidus");
        Assert.InRange(t.Center.Z - (z0 + (top * s)), gap.DistanceMm.Value - (2 * s), gap.DistanceMm.Value + (2 * s));
        var lesion = Array.IndexOf(column, (byte)TissueLabel.Lesion);
        Assert.True(lesion > top, "no nidus above the physis");
        Assert.InRange((lesion - top) * s, gap.DistanceMm.Value - (t.SizeMm / 2) - (2 * s), gap.DistanceMm.Value - (t.SizeMm / 2) + (2 * s));
        Assert.All(column[(top + 1)..lesion], v => Assert.Equal((byte)TissueLabel.Bone, v));
    }

    [Fact]
    public void Generate_AblationStructures_DeterministicAndInTheManifest()
    {
        var a = Small("osteoid-osteoma-femur", 10);
        var b = Small("osteoid-osteoma-femur", 10);
        Assert.Equal(a.Labels.Voxels, b.Labels.Voxels);
        Assert.Equal(a.Hounsfield.Voxels, b.Hounsfield.Voxels);
        Assert.Contains((byte)TissueLabel.Physis, a.Labels.Voxels);

        var landmarks = JsonDocument.Parse(PhantomManifest.ToJson(a)).RootElement.GetProperty("landmarks").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);
        Assert.Equal(PediatricAnthropometry.Default.Value("physisThicknessMm", 10), landmarks["physis-distal-femur-right"].GetProperty("thicknessMm").GetDouble(), 3);
        Assert.Equal("Physis", landmarks["physis-distal-femur-right"].GetProperty("label").GetString());
        Assert.Equal(15, landmarks["nidus-to-physis"].GetProperty("distanceMm").GetDouble(), 3);
        Assert.True(landmarks["common-bile-duct"].GetProperty("diameterMm").GetDouble() > 0);
        Assert.False(landmarks["carina"].TryGetProperty("distanceMm", out _));

        var liver = Small("liver-tumor", 10, noise: 0);
        Assert.Equal(PediatricAnthropometry.Default.Constant("bileHu"), Mean(liver, TissueLabel.BileDuct), 6);
        Assert.Equal(PediatricAnthropometry.Default.Constant("physisHu"), Mean(OnGrid("osteoid-osteoma-femur", 10, Patch(a.Landmark("physis-distal-femur-right").Point.X, a.Landmark("physis-distal-femur-right").Point.Y, a.Landmark("physis-distal-femur-right").Point.Z, 8, 8, 0.2)), TissueLabel.Physis), 6);
    }

    /// <summary>Size of the 26-connected component of <paramref name="value"/> that holds <paramref name="seed"/>.</summary>
    private static int Component26(Volume<byte> labels, VoxelIndex seed, byte value)
    {
        var g = labels.Geometry;
        var seen = new bool[g.SizeI * g.SizeJ * g.SizeK];
        var stack = new Stack<VoxelIndex>();
        stack.Push(seed);
        seen[g.LinearIndex(seed)] = true;
        var count = 0;
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            count++;
            for (var dk = -1; dk <= 1; dk++)
            {
                for (var dj = -1; dj <= 1; dj++)
                {
                    for (var di = -1; di <= 1; di++)
                    {
                        var n = new VoxelIndex(v.I + di, v.J + dj, v.K + dk);
                        if (g.Contains(n) && !seen[g.LinearIndex(n)] && labels[n] == value)
                        {
                            seen[g.LinearIndex(n)] = true;
                            stack.Push(n);
                        }
                    }
                }
            }
        }

        return count;
    }

    /// <summary>How many 6-neighbours of voxels labelled <paramref name="value"/> carry each label.</summary>
    private static int[] NeighbourCounts(Volume<byte> labels, byte value)
    {
        var g = labels.Geometry;
        var counts = new int[256];
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (labels[i, j, k] != value)
                    {
                        continue;
                    }

                    foreach (var (di, dj, dk) in new[] { (1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1) })
                    {
                        var n = new VoxelIndex(i + di, j + dj, k + dk);
                        if (g.Contains(n))
                        {
                            counts[labels[n]]++;
                        }
                    }
                }
            }
        }

        return counts;
    }
}
