using System.Diagnostics;
using Seldinger.Dicom;
using Seldinger.Dicom.StructuredReporting;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Segmentation;
using Seldinger.Planning.Exports;
using Seldinger.Planning.Plans;
using Seldinger.Testing;

namespace Seldinger.Planning.Tests.Exports;

public sealed class PlanStructuredReportTests
{
    private static readonly WorldPoint Entry = new(-80.25, 12.5, 655.125);
    private static readonly WorldPoint Target = new(-30.5, 20.75, 660.0);

    private static ProcedurePlan SamplePlan() => new()
    {
        ProcedureId = "biopsy-deep",
        ProcedureName = "Deep (visceral) biopsy",
        RouteKind = RouteKind.Needle,
        Planner = "needle",
        Method = "automatic",
        CatalogueVersion = 1,
        CatalogueDigest = new string('a', 64),
        Feasible = true,
        Target = Target,
        TargetReason = "centroid of the lesion",
        Routes =
        [
            new PlannedRoute("needle", [Entry, Target], Entry.DistanceTo(Target), 3.5, 12.25, true,
                [new RouteClearance("Vein", 7.25, 5, false, false), new RouteClearance("Bowel", null, 5, false, false)], "right lateral entry, supine, 4° out of the axial plane"),
            new PlannedRoute("needle", [new WorldPoint(-60, -40, 650), Target], 62.4, 8.1, 9.5, true, [], "anterior entry, supine"),
        ],
        Measurements = [new PlanMeasurement("Skin to bone", 18.5, "mm", "from the entry, ≥ 10 mm wanted"), new PlanMeasurement("Stenosis, diameter", 61.2, "%")],
        Points = [new PlanPoint("Catheter tip", "tip", new WorldPoint(1, 2, 3), 4)],
        Polylines = [new PlanPolyline("Centreline", "centreline", [new WorldPoint(0, 0, 0), new WorldPoint(1, 1, 1), new WorldPoint(2, 3, 4)])],
        Warnings = [new PlanWarning(PlanWarningSeverity.Caution, "margin", "passes 7.2 mm from the vein (minimum 5 mm)", "Vein", 0)],
    };

    private static SegmentationSource Source() => new()
    {
        Geometry = new VolumeGeometry(4, 4, 2, new WorldPoint(0, 0, 0), 1, 1, 1),
        StudyInstanceUid = "1.2.826.0.1.3680043.10.1.1",
        SeriesInstanceUid = "1.2.826.0.1.3680043.10.1.2",
        FrameOfReferenceUid = "1.2.826.0.1.3680043.10.1.3",
        SopClassUid = DicomUids.CTImageStorage,
        SopInstanceUids = ["1.2.826.0.1.3680043.10.1.4.1", "1.2.826.0.1.3680043.10.1.4.2"],
        PatientName = "Phantom^Child",
        PatientId = "PH-1",
    };

    [Fact]
    public void The_content_tree_reads_back_with_every_route_point_and_number()
    {
        var plan = SamplePlan();
        var root = SRDocument.ReadContentTree(PlanStructuredReport.Create(plan, Source()));

        Assert.Equal(PlanStructuredReport.PlanConcept, root.ConceptName);
        var routes = root.FindAll(PlanStructuredReport.RouteConcept).ToList();
        Assert.Equal(2, routes.Count);
        var path = routes[0].Find(PlanStructuredReport.PathConcept)!.Coordinates!;
        Assert.Equal("POLYLINE", path.Type);
        Assert.Equal("1.2.826.0.1.3680043.10.1.3", path.FrameOfReferenceUid);
        double[] expected = [Entry.X, Entry.Y, Entry.Z, Target.X, Target.Y, Target.Z];
        Assert.Equal(expected.Length, path.Points.Count);
        for (var n = 0; n < expected.Length; n++)
        {
            Assert.Equal(expected[n], path.Points[n], 1e-4);
        }

        var length = routes[0].Find(PlanStructuredReport.LengthConcept)!.NumericValue!;
        Assert.Equal(Math.Round(Entry.DistanceTo(Target), 3), length.Value!.Value, 1e-9);
        Assert.Equal("mm", length.Units!.Value);

        // The absent structure (Bowel, distance null) is not written; the present one carries its name and state.
        var clearances = routes[0].FindAll(PlanStructuredReport.ClearanceConcept).ToList();
        var clearance = Assert.Single(clearances);
        Assert.Equal(7.25, clearance.NumericValue!.Value!.Value, 1e-9);
        Assert.Contains("Vein (minimum 5 mm, kept)", clearance.Children.Single().TextValue, StringComparison.Ordinal);

        Assert.Equal(2, root.FindAll(PlanStructuredReport.MeasurementConcept).Count());
        Assert.Equal("%", root.FindAll(PlanStructuredReport.MeasurementConcept).Last().NumericValue!.Units!.Value);
        Assert.Equal(9, root.Find(PlanStructuredReport.PolylineConcept)!.Coordinates!.Points.Count);
        Assert.Contains("Caution: passes 7.2 mm", root.Find(PlanStructuredReport.WarningConcept)!.TextValue, StringComparison.Ordinal);
        var target = root.Find(PlanStructuredReport.TargetConcept)!.Coordinates!;
        Assert.Equal("POINT", target.Type);
        Assert.Equal(Target.Z, target.Points[2], 1e-4);
    }

    [Fact]
    public void A_non_finite_number_is_refused_with_the_concept_named()
    {
        var plan = SamplePlan() with { Measurements = [new PlanMeasurement("Depth", double.NaN, "mm")] };
        var ex = Assert.Throws<ArgumentException>(() => PlanStructuredReport.Create(plan, Source()));
        Assert.Contains("Plan measurement", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Dcmtk_reads_the_report_as_a_valid_comprehensive_3d_sr()
    {
        Require.File("/usr/bin/dsrdump", "DCMTK's dsrdump checks SR documents (./test installs dcmtk)");
        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, "plan-sr.dcm");
        PlanStructuredReport.Write(SamplePlan(), Source(), path);

        var (code, stdout, stderr) = Run("/usr/bin/dsrdump", "-Ee", "-Ec", path);
        Assert.True(code == 0, $"dsrdump exit {code}: {stderr}");
        Assert.DoesNotContain("Error", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Warning", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Comprehensive 3D SR", stdout, StringComparison.Ordinal);
        Assert.Contains("SCOORD3D", stdout, StringComparison.Ordinal);
        Assert.Contains("Interventional procedure plan", stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Pydicom_reads_the_coordinates_as_written()
    {
        Require.Pydicom();
        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, "plan-sr.dcm");
        PlanStructuredReport.Write(SamplePlan(), Source(), path);
        const string script = """
            import sys, pydicom
            ds = pydicom.dcmread(sys.argv[1])
            assert ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.88.34", ds.SOPClassUID
            route = [c for c in ds.ContentSequence if c.ValueType == "CONTAINER"][0]
            path = [c for c in route.ContentSequence if c.ValueType == "SCOORD3D"][0]
            print(path.GraphicType, " ".join("%.4f" % v for v in path.GraphicData), path.ReferencedFrameOfReferenceUID)
            """;
        var (code, stdout, stderr) = PythonPeer.Run(script, [path], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, stderr);
        Assert.Equal("POLYLINE -80.2500 12.5000 655.1250 -30.5000 20.7500 660.0000 1.2.826.0.1.3680043.10.1.3", stdout.Trim());
    }

    private static (int Code, string Stdout, string Stderr) Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} did not finish in 60 s.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
