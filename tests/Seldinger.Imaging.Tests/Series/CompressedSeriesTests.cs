using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Imaging.Tests.Series;

/// <summary>Compressed series (RLE, JPEG Lossless) give the same volume as their uncompressed originals.</summary>
public sealed class CompressedSeriesTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> LosslessSyntaxes => new() { TransferSyntax.RleLossless.Uid, TransferSyntax.JpegLosslessSV1.Uid };

    [Theory]
    [MemberData(nameof(LosslessSyntaxes))]
    public void ReadVolume_LosslessCompressedSlices_SameVoxelsAsUncompressed(string syntaxUid)
    {
        var geometry = new VolumeGeometry(23, 17, 5, new WorldPoint(-10, 5, 40), 0.8, 0.8, 2, Matrix3.Rotation(new Vector3D(0, 0, 1), 0.3));
        var volume = new Volume<short>(geometry);
        var random = new Random(17);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (short)random.Next(-1024, 3072);
        }

        var files = CtSeriesWriter.Write(volume, new CtSeriesDescription { PatientName = "C^D", PatientId = "1" }, Path.Combine(_dir.Path, "plain"));
        var syntax = TransferSyntax.Parse(syntaxUid);
        var compressedDir = Directory.CreateDirectory(Path.Combine(_dir.Path, "compressed")).FullName;
        var compressed = files.Select(f =>
        {
            var target = Path.Combine(compressedDir, Path.GetFileName(f));
            DicomFile.Open(f).Transcode(syntax).Save(target);
            return target;
        }).ToList();
        Assert.All(compressed, f => Assert.Equal(syntax, DicomFile.Open(f).TransferSyntax));

        var read = DicomSeriesReader.ReadVolume(compressed);
        Assert.Equal(volume.Voxels, read.Hounsfield.Voxels);
    }

    [Fact]
    public void EnhancedCt_RleCompressed_SameVoxelsAsUncompressed()
    {
        var geometry = new VolumeGeometry(12, 9, 4, new WorldPoint(0, 0, 0), 1, 1, 3);
        var stored = new ushort[geometry.VoxelCount];
        var random = new Random(3);
        for (var n = 0; n < stored.Length; n++)
        {
            stored[n] = (ushort)random.Next(0, 4096);
        }

        var dataset = EnhancedCtGenerator.Create(stored, geometry, [2, 0, 3, 1]);
        var plain = Path.Combine(_dir.Path, "enhanced.dcm");
        var rle = Path.Combine(_dir.Path, "enhanced-rle.dcm");
        DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian).Save(plain);
        DicomFile.Open(plain).Transcode(TransferSyntax.RleLossless).Save(rle);

        var expected = EnhancedMultiFrameReader.ReadVolume(plain);
        var actual = EnhancedMultiFrameReader.ReadVolume(rle);
        Assert.Equal(expected.Hounsfield.Voxels, actual.Hounsfield.Voxels);
        Assert.Equal(expected.Geometry, actual.Geometry);
    }
}
