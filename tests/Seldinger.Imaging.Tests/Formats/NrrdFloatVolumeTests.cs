using System.Text;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests.Formats;

public sealed class NrrdFloatVolumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seldinger-nrrd-float").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteRead_RandomObliqueVolume_RoundTripsExactly()
    {
        var random = new Random(81);
        var g = TestRandom.RandomGeometry(random, 9);
        var volume = new Volume<float>(g);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (float)((random.NextDouble() - 0.5) * 1e3);
        }

        volume.Voxels[0] = float.PositiveInfinity;
        var path = Path.Combine(_dir, "v.nrrd");
        NrrdFloatVolume.Write(volume, path, "test values\nsecond line");
        var back = NrrdFloatVolume.Read(path);
        Assert.Equal(volume.Voxels, back.Voxels);
        Assert.Equal((g.SizeI, g.SizeJ, g.SizeK), (back.Geometry.SizeI, back.Geometry.SizeJ, back.Geometry.SizeK));
        for (var corner = 0; corner < 8; corner++)
        {
            var index = new VoxelIndex((corner & 1) * (g.SizeI - 1), ((corner >> 1) & 1) * (g.SizeJ - 1), (corner >> 2) * (g.SizeK - 1));
            Assert.True(g.IndexToWorld(index).DistanceTo(back.Geometry.IndexToWorld(index)) < 1e-9);
        }

        // The header is plain NRRD with the data as the file's tail (what numpy or Slicer read).
        var bytes = File.ReadAllBytes(path);
        var text = Encoding.ASCII.GetString(bytes, 0, bytes.Length - (volume.Voxels.Length * 4));
        Assert.StartsWith("NRRD0004\n# test values second line\ntype: float\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        Assert.Contains($"sizes: {g.SizeI} {g.SizeJ} {g.SizeK}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedOrForeign_InvalidData()
    {
        var path = Path.Combine(_dir, "v.nrrd");
        NrrdFloatVolume.Write(new Volume<float>(new VolumeGeometry(4, 3, 2, default, 1, 1, 1)), path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        Assert.Contains("data bytes", Assert.Throws<InvalidDataException>(() => NrrdFloatVolume.Read(path)).Message, StringComparison.Ordinal);
        File.WriteAllText(path, "NRRD0004\ntype: uint8\ndimension: 3\nencoding: raw\nspace: left-posterior-superior\n\n");
        Assert.Throws<InvalidDataException>(() => NrrdFloatVolume.Read(path));
        File.WriteAllText(path, "P5 2 2 255\n");
        Assert.Throws<InvalidDataException>(() => NrrdFloatVolume.Read(path));
    }
}
