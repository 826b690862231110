using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Ablation;

public class AblationEvaluatorTests
{
    private const double Spacing = 0.5;

    private static ProcedureDefinition Procedure(string id) => ProcedureCatalogue.Default.Find(id)!;

    private static double VoxelMl(VolumeGeometry g) => g.SpacingI * g.SpacingJ * g.SpacingK / 1000;

    /// <summary>Labels every voxel whose centre satisfies <paramref name="inside"/>.</summary>
    private static void Paint(Volume<byte> volume, Func<WorldPoint, bool> inside, byte value)
    {
        var g = volume.Geometry;
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            if (inside(g.IndexToWorld(g.VoxelAt(n))))
            {
                volume.Voxels[n] = value;
            }
        }
    }

    /// <summary>Muscle everywhere, a 4 mm tumor at the origin and a lethal sphere of radius 8 mm around it.</summary>
    private static (Volume<byte> Labels, AblationZone Zone) Scene(VolumeGeometry g)
    {
        var labels = new Volume<byte>(g);
        Array.Fill(labels.Voxels, (byte)TissueLabel.Muscle);
        Paint(labels, p => p.DistanceTo(WorldPoint.Origin) <= 4, (byte)TissueLabel.Lesion);
        var lethal = new Volume<byte>(g);
        Paint(lethal, p => p.DistanceTo(WorldPoint.Origin) <= 8, 1);
        return (labels, new AblationZone("sphere", [], lethal, [], null));
    }

    private static AblationZone Zone(Volume<byte> lethal) => new("test", [], lethal, [], null);

    [Fact]
    public void Evaluate_StructuresAtKnownDistances_ExactDistancesSeveritiesAndFlags()
    {
        var g = new VolumeGeometry(90, 92, 40, new WorldPoint(-20, -20, -10), Spacing, Spacing, Spacing);
        var (labels, zone) = Scene(g);
        Paint(labels, p => p.X >= 11, (byte)TissueLabel.Physis);                                              // 3 mm from the zone
        Paint(labels, p => (p.X * p.X) + ((p.Y + 15) * (p.Y + 15)) <= 1, (byte)TissueLabel.Nerve);           // 6 mm
        Paint(labels, p => p.Y >= 23, (byte)TissueLabel.Skin);                                                // 15 mm
        Paint(labels, p => p.Z <= -9.5, (byte)TissueLabel.Lung);                                              // 1.5 mm, not protected

        var e = AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, Procedure("osteoid-osteoma-rfa"));

        Assert.Equal(["Lung", "Physis", "Nerve", "Skin"], e.StructuresAtRisk.Select(s => s.Structure));
        var lung = e.StructuresAtRisk[0];
        Assert.Equal(1.5, lung.DistanceMm, 1e-4);
        Assert.Equal(0, lung.RequiredMm);
        Assert.Equal(PlanWarningSeverity.Info, lung.Severity);
        var physis = e.StructuresAtRisk[1];
        Assert.Equal(3, physis.DistanceMm, 1e-4);
        Assert.Equal(PlanWarningSeverity.Caution, physis.Severity);
        Assert.Equal(0, physis.VolumeInsideMl);
        Assert.Equal(5, physis.RequiredMm);
        Assert.Equal(11, physis.NearestPoint.X, 1e-9);
        var nerve = e.StructuresAtRisk[2];
        Assert.Equal(6, nerve.DistanceMm, 1e-4);
        Assert.Equal(PlanWarningSeverity.Caution, nerve.Severity);
        Assert.Equal(new WorldPoint(0, -14, 0), nerve.NearestPoint);
        var skin = e.StructuresAtRisk[3];
        Assert.Equal(15, skin.DistanceMm, 1e-4);
        Assert.Equal(PlanWarningSeverity.Info, skin.Severity);

        Assert.Equal(2, e.Suggestions.Count);
        Assert.All(e.Suggestions, s => Assert.Equal(AblationProtectionKind.ThermalProtection, s.Kind));
        Assert.Equal("Physis 3 mm from the zone (5 mm asked): consider thermal protection or a smaller zone.", e.Suggestions[0].Message);
        Assert.StartsWith("Nerve 6 mm from the zone (10 mm asked)", e.Suggestions[1].Message, StringComparison.Ordinal);
        Assert.Empty(e.HeatSinks);

        // With a 10 mm report distance the skin, 15 mm away and beyond its 10 mm clearance, is no longer listed.
        var shorter = AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, Procedure("osteoid-osteoma-rfa"), new AblationEvaluationOptions { ReportDistanceMm = 10 });
        Assert.Equal(["Lung", "Physis", "Nerve"], shorter.StructuresAtRisk.Select(s => s.Structure));

        // A skin 3 mm away is within its 10 mm: skin protection is suggested.
        Paint(labels, p => p.Y >= 11, (byte)TissueLabel.Skin);
        var closer = AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, Procedure("osteoid-osteoma-rfa"));
        var skinFlag = Assert.Single(closer.Suggestions, s => s.Structure == "Skin");
        Assert.Equal(AblationProtectionKind.ThermalProtection, skinFlag.Kind);
        Assert.Contains("skin cooling", skinFlag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BowelInsideZone_DangerDifferentApproachAndHydrodissection()
    {
        var g = new VolumeGeometry(56, 48, 48, new WorldPoint(-12, -12, -12), Spacing, Spacing, Spacing);
        var (labels, zone) = Scene(g);
        var bowelCentre = new WorldPoint(8, 0, 0);
        Paint(labels, p => p.DistanceTo(bowelCentre) <= 3, (byte)TissueLabel.Bowel);
        long inside = 0;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            inside += labels.Voxels[n] == (byte)TissueLabel.Bowel && zone.Lethal.Voxels[n] != 0 ? 1 : 0;
        }

        var e = AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, Procedure("rf-ablation"));

        var bowel = Assert.Single(e.StructuresAtRisk);
        Assert.Equal("Bowel", bowel.Structure);
        Assert.Equal(PlanWarningSeverity.Danger, bowel.Severity);
        Assert.Equal(0, bowel.DistanceMm);
        Assert.True(inside > 0);
        Assert.Equal(inside * VoxelMl(g), bowel.VolumeInsideMl, 1e-12);
        Assert.Contains(e.Suggestions, s => s.Kind == AblationProtectionKind.DifferentApproach && s.Structure == "Bowel");
        Assert.Contains(e.Suggestions, s => s.Kind == AblationProtectionKind.Hydrodissection && s.Structure == "Bowel");
    }

    [Theory]
    [InlineData("rf-ablation", "heat-sink effect")]
    [InlineData("cryoablation", "warms the ice")]
    public void Evaluate_TubesFiveMillimetresFromZone_SixMillimetreVeinIsHeatSinkTwoMillimetreArteryIsNot(string procedure, string words)
    {
        var g = new VolumeGeometry(81, 49, 41, new WorldPoint(-18, -12, -10), Spacing, Spacing, Spacing);
        var (labels, zone) = Scene(g);
        Paint(labels, p => ((p.X - 16) * (p.X - 16)) + (p.Y * p.Y) <= 9, (byte)TissueLabel.Vein);     // 6 mm across, wall at x = 13
        Paint(labels, p => ((p.X + 14) * (p.X + 14)) + (p.Y * p.Y) <= 1, (byte)TissueLabel.Artery);   // 2 mm across, wall at x = −13

        var e = AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, Procedure(procedure));

        var sink = Assert.Single(e.HeatSinks);
        Assert.Equal("Vein", sink.Structure);
        Assert.InRange(sink.DiameterMm, 6 - Spacing, 6 + Spacing);
        Assert.Equal(5, sink.DistanceMm, 1e-4);
        Assert.Equal(13, sink.At.X, 1e-9);
        var flag = Assert.Single(e.Suggestions, s => s.Kind == AblationProtectionKind.HeatSinkCompensation);
        Assert.Contains(words, flag.Message, StringComparison.Ordinal);
        Assert.Contains("runs 5 mm from the zone", flag.Message, StringComparison.Ordinal);

        // Both vessels are 5 mm away, at their 5 mm clearance: listed, not flagged.
        Assert.Equal(["Artery", "Vein"], e.StructuresAtRisk.Select(s => s.Structure).Order(StringComparer.Ordinal));
        Assert.All(e.StructuresAtRisk, s => Assert.Equal(PlanWarningSeverity.Info, s.Severity));
    }

    [Fact]
    public void Evaluate_RandomVolumes_CoverageVolumesAndDistancesMatchBruteForce()
    {
        var random = new Random(7);
        var options = new AblationEvaluationOptions { ReportMarginsMm = [3, 1.5], PlannedMarginMm = 2, ReportDistanceMm = 100 };
        for (var trial = 0; trial < 20; trial++)
        {
            var g = new VolumeGeometry(random.Next(4, 12), random.Next(4, 11), random.Next(3, 9), new WorldPoint(3, -7, 11),
                0.6 + random.NextDouble(), 0.6 + random.NextDouble(), 0.8 + (1.5 * random.NextDouble()));
            var labels = new Volume<byte>(g);
            var lethal = new Volume<byte>(g);
            for (var n = 0; n < labels.Voxels.Length; n++)
            {
                var r = random.NextDouble();
                labels.Voxels[n] = r < 0.15 ? (byte)0 : r < 0.3 ? (byte)TissueLabel.Lesion : r < 0.36 ? (byte)TissueLabel.Bowel : (byte)TissueLabel.Fat;
                lethal.Voxels[n] = random.NextDouble() < 0.4 ? (byte)1 : (byte)0;
            }

            labels.Voxels[0] = (byte)TissueLabel.Lesion;
            lethal.Voxels[^1] = 1;

            var e = AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, Zone(lethal), Procedure("rf-ablation"), options);

            var points = Enumerable.Range(0, labels.Voxels.Length).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToArray();
            var tumor = Enumerable.Range(0, points.Length).Where(n => labels.Voxels[n] == (byte)TissueLabel.Lesion).ToArray();
            var zoneVoxels = Enumerable.Range(0, points.Length).Where(n => lethal.Voxels[n] != 0).ToArray();
            var toTumor = points.Select(p => tumor.Min(t => p.DistanceTo(points[t]))).ToArray();
            Assert.Equal([0, 1.5, 2, 3], e.Coverage.Select(c => c.MarginMm));
            foreach (var c in e.Coverage)
            {
                var grown = Enumerable.Range(0, points.Length).Where(n => labels.Voxels[n] != 0 && toTumor[n] <= c.MarginMm + 1e-3).ToArray();
                Assert.Equal(grown.Length * VoxelMl(g), c.VolumeMl, 1e-9);
                Assert.Equal((double)grown.Count(n => lethal.Voxels[n] != 0) / grown.Length, c.Fraction, 1e-12);
            }

            Assert.Equal(zoneVoxels.Length * VoxelMl(g), e.ZoneVolumeMl, 1e-9);
            var healthy = zoneVoxels.Count(n => labels.Voxels[n] != 0 && toTumor[n] > 2 + 1e-3);
            Assert.Equal(healthy * VoxelMl(g), e.HealthyTissueAblatedMl, 1e-9);

            var bowel = Enumerable.Range(0, points.Length).Where(n => labels.Voxels[n] == (byte)TissueLabel.Bowel).ToArray();
            var reported = e.StructuresAtRisk.SingleOrDefault(s => s.Structure == "Bowel");
            if (bowel.Length == 0)
            {
                Assert.Null(reported);
                continue;
            }

            Assert.NotNull(reported);
            var nearest = bowel.Min(b => zoneVoxels.Min(z => points[b].DistanceTo(points[z])));
            Assert.Equal(nearest, reported.DistanceMm, 1e-4);
            Assert.Equal(bowel.Count(n => lethal.Voxels[n] != 0) * VoxelMl(g), reported.VolumeInsideMl, 1e-9);
            Assert.Equal(e.Margins.TargetCoveredFraction, e.Coverage[0].Fraction, 1e-12);
        }
    }

    [Fact]
    public void Evaluate_GrownTumor_StopsAtTheBodySurface()
    {
        var g = new VolumeGeometry(24, 24, 24, new WorldPoint(-12, -12, -12), 1, 1, 1);
        var (labels, zone) = Scene(g);

        // Air beyond x = 6: the tumor + 5 mm shell loses its cap there; the zone (radius 8) covers part of the rest.
        Paint(labels, p => p.X > 6, 0);
        var tumor = Enumerable.Range(0, labels.Voxels.Length).Where(n => labels.Voxels[n] == (byte)TissueLabel.Lesion).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToArray();
        long grown = 0, covered = 0, withAir = 0;
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            if (tumor.Any(t => t.DistanceTo(p) <= 5 + 1e-3))
            {
                withAir++;
                if (labels.Voxels[n] != 0)
                {
                    grown++;
                    covered += zone.Lethal.Voxels[n];
                }
            }
        }

        var e = AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, Procedure("mw-ablation"));

        var five = Assert.Single(e.Coverage, c => c.MarginMm == 5);
        Assert.True(withAir > grown);
        Assert.Equal(grown * VoxelMl(g), five.VolumeMl, 1e-9);
        Assert.Equal((double)covered / grown, five.Fraction, 1e-12);
        Assert.Equal(1, e.Coverage[0].Fraction);
        Assert.Equal(["tumor", "tumor + 5 mm", "tumor + 10 mm"], e.Coverage.Select(c => c.Name));
    }

    [Fact]
    public void Evaluate_BadInput_ThrowsTypedErrors()
    {
        var g = new VolumeGeometry(20, 20, 20, new WorldPoint(-5, -5, -5), Spacing, Spacing, Spacing);
        var (labels, zone) = Scene(g);
        var rf = Procedure("rf-ablation");

        Assert.Contains("not an ablation", Assert.Throws<PlanningException>(() => AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, Procedure("biopsy-deep"))).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<PlanningException>(() => AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, Zone(new Volume<byte>(g)), rf)).Message, StringComparison.Ordinal);
        Assert.Contains("no Kidney", Assert.Throws<PlanningException>(() => AblationEvaluator.Evaluate(labels, TissueLabel.Kidney, zone, rf)).Message, StringComparison.Ordinal);
        var other = Zone(new Volume<byte>(new VolumeGeometry(20, 20, 20, new WorldPoint(-5, -5, -5), Spacing, Spacing, 1)));
        Assert.Throws<PlanningException>(() => AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, other, rf));
        Assert.Throws<ArgumentException>(() => AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, rf, new AblationEvaluationOptions { ReportMarginsMm = [-1] }));
        Assert.Throws<ArgumentException>(() => AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, rf, new AblationEvaluationOptions { ReportDistanceMm = double.NaN }));
        Assert.Throws<ArgumentException>(() => AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, rf, new AblationEvaluationOptions { PlannedMarginMm = 1e9 }));
        Assert.Throws<ArgumentException>(() => AblationEvaluator.Evaluate(labels, TissueLabel.Background, zone, rf));
        var noMargin = rf with { Parameters = [] };
        Assert.Contains("ablationMarginMm", Assert.Throws<PlanningException>(() => AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, zone, noMargin)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("osteoid-osteoma-femur", "osteoid-osteoma-rfa", 4.0)]
    [InlineData("liver-tumor", "rf-ablation", 5.0)]
    public void Evaluate_PhantomWithEllipsoidZone_MatchesBruteForce(string phantomCase, string procedureId, double marginMm)
    {
        var phantom = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = phantomCase, Size = 96, NoiseSigmaHu = 0 });
        var labels = phantom.Labels;
        var g = labels.Geometry;
        var centre = phantom.Target.Center;

        // The lesion's extent from its voxels; the zone an axis-aligned ellipsoid reaching the margin beyond it,
        // longer along the patient's long axis as a probe's zone is.
        var lesion = Enumerable.Range(0, labels.Voxels.Length).Where(n => labels.Voxels[n] == (byte)TissueLabel.Lesion).ToArray();
        var radius = lesion.Max(n => g.IndexToWorld(g.VoxelAt(n)).DistanceTo(centre));
        double a = radius + marginMm, c = radius + marginMm + 4;
        var lethal = new Volume<byte>(g);
        Paint(lethal, p => (((p.X - centre.X) * (p.X - centre.X)) + ((p.Y - centre.Y) * (p.Y - centre.Y))) / (a * a) + ((p.Z - centre.Z) * (p.Z - centre.Z) / (c * c)) <= 1, 1);

        var e = AblationEvaluator.Evaluate(labels, TissueLabel.Lesion, Zone(lethal), Procedure(procedureId));

        Assert.Equal(1, e.Coverage[0].Fraction);
        Assert.Equal(lesion.Length * VoxelMl(g), e.Coverage[0].VolumeMl, 1e-9);
        Assert.InRange(e.Margins.MinimalMarginMm, marginMm - (2 * g.VoxelHalfDiagonal), marginMm + (2 * g.VoxelHalfDiagonal));
        var zoneVoxels = Enumerable.Range(0, lethal.Voxels.Length).Where(n => lethal.Voxels[n] != 0).Select(n => g.IndexToWorld(g.VoxelAt(n))).ToArray();
        Assert.Equal(zoneVoxels.Length * VoxelMl(g), e.ZoneVolumeMl, 1e-9);

        // Every structure listed: its distance is the brute-force nearest pair, and the list is nearest first.
        Assert.Equal(e.StructuresAtRisk.OrderBy(s => s.DistanceMm).Select(s => s.Structure), e.StructuresAtRisk.Select(s => s.Structure));
        foreach (var s in e.StructuresAtRisk)
        {
            var value = (byte)Enum.Parse<TissueLabel>(s.Structure);
            var nearest = double.PositiveInfinity;
            for (var n = 0; n < labels.Voxels.Length; n++)
            {
                if (labels.Voxels[n] != value)
                {
                    continue;
                }

                var p = g.IndexToWorld(g.VoxelAt(n));
                if (Math.Abs(p.Z - centre.Z) > c + 25 || Math.Abs(p.X - centre.X) > a + 25 || Math.Abs(p.Y - centre.Y) > a + 25)
                {
                    continue;
                }

                foreach (var z in zoneVoxels)
                {
                    nearest = Math.Min(nearest, p.DistanceTo(z));
                }
            }

            Assert.Equal(nearest, s.DistanceMm, 1e-3);
            var vessel = s.Structure is "Artery" or "Vein" or "Vessel";
            Assert.Equal(s.DistanceMm == 0 ? (vessel ? PlanWarningSeverity.Caution : PlanWarningSeverity.Danger) : s.DistanceMm < s.RequiredMm ? PlanWarningSeverity.Caution : PlanWarningSeverity.Info, s.Severity);
            if (vessel)
            {
                Assert.DoesNotContain(e.Suggestions, x => x.Structure == s.Structure && x.Kind == AblationProtectionKind.DifferentApproach);
            }
        }

        Assert.All(e.HeatSinks, h => Assert.True(h.DiameterMm >= 3 && h.DistanceMm <= 10, $"{h}"));
        Assert.Equal(e.HeatSinks.Count, e.Suggestions.Count(s => s.Kind == AblationProtectionKind.HeatSinkCompensation));
    }
}
