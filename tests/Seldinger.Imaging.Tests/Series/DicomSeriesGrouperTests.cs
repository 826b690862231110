using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Imaging.Tests.Series;

public sealed class DicomSeriesGrouperTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static int[] Pixels => new int[20];

    [Fact]
    public void GroupDirectory_MixedFolder_SplitsSeriesAndStacksAndReportsSkipped()
    {
        var root = _dir.Path;
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        for (var k = 0; k < 3; k++)
        {
            new SyntheticSlice { SeriesUid = "1.2.3.1", Position = new WorldPoint(0, 0, k), Stored = Pixels }.Write(Path.Combine(root, $"a{k}.dcm"));
        }

        // A localizer in the same series: another orientation, so another group.
        new SyntheticSlice { SeriesUid = "1.2.3.1", ColumnDirection = Vector3D.UnitZ, Stored = Pixels }.Write(Path.Combine(root, "loc.dcm"));
        for (var k = 0; k < 2; k++)
        {
            new SyntheticSlice { SeriesUid = "1.2.3.2", Position = new WorldPoint(0, 0, k), Stored = Pixels }.Write(Path.Combine(root, "sub", $"b{k}.dcm"));
        }

        File.Copy(Path.Combine(root, "a0.dcm"), Path.Combine(root, "a0-copy.dcm"));
        File.WriteAllText(Path.Combine(root, "notes.txt"), "not DICOM");
        var report = new DicomDataset();
        report.SetString(DicomTags.SOPClassUID, DicomUids.ComprehensiveSRStorage);
        report.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
        report.SetString(DicomTags.SeriesInstanceUID, "1.2.3.3");
        DicomFile.Create(report, TransferSyntax.ExplicitVRLittleEndian).Save(Path.Combine(root, "sr.dcm"));

        var grouping = DicomSeriesGrouper.GroupDirectory(root);
        Assert.Equal(3, grouping.Groups.Count);
        var axial = grouping.Groups.Single(g => g.SeriesInstanceUid == "1.2.3.1" && g.Column == Vector3D.UnitY);
        Assert.Equal(3, axial.Files.Count);
        Assert.Single(grouping.Groups.Single(g => g.SeriesInstanceUid == "1.2.3.1" && g.Column == Vector3D.UnitZ).Files);
        Assert.Equal(2, grouping.Groups.Single(g => g.SeriesInstanceUid == "1.2.3.2").Files.Count);

        Assert.Equal(3, grouping.Skipped.Count);
        Assert.Contains(grouping.Skipped, s => Path.GetFileName(s.Path).StartsWith("a0", StringComparison.Ordinal) && s.Reason.Contains("duplicate of a0", StringComparison.Ordinal));
        Assert.Contains(grouping.Skipped, s => s.Path.EndsWith("notes.txt", StringComparison.Ordinal) && s.Reason.Contains("not readable as DICOM", StringComparison.Ordinal));
        Assert.Contains(grouping.Skipped, s => s.Path.EndsWith("sr.dcm", StringComparison.Ordinal) && s.Reason.Contains("not an image", StringComparison.Ordinal));

        // Each group reads as a volume.
        Assert.Equal(3, DicomSeriesReader.ReadVolume(axial.Files).Geometry.SizeK);
    }
}
