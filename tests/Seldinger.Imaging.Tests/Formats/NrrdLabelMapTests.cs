using System.Text;

using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Geometry;
using Seldinger.Testing;

namespace Seldinger.Imaging.Tests.Formats;

public sealed class NrrdLabelMapTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteThenRead_ObliqueVolume_SameVoxelsAndGeometry()
    {
        var g = new VolumeGeometry(17, 5, 9, new WorldPoint(-3.5, 7.25, 120), 0.6, 0.75, 2.5,
            Matrix3.Rotation(new Vector3D(1, 2, 3).Normalized, 0.7));
        var labels = new Volume<byte>(g);
        new Random(3).NextBytes(labels.Voxels);
        var path = Path.Combine(_dir.Path, "labels.nrrd");
        NrrdLabelMap.Write(labels, path);

        var read = NrrdLabelMap.Read(path);
        Assert.Equal(labels.Voxels, read.Voxels);
        Assert.Equal((g.SizeI, g.SizeJ, g.SizeK), (read.Geometry.SizeI, read.Geometry.SizeJ, read.Geometry.SizeK));
        Assert.True(read.Geometry.Origin.DistanceTo(g.Origin) < 1e-9);
        Assert.Equal(g.SpacingJ, read.Geometry.SpacingJ, 9);
        for (var c = 0; c < 3; c++)
        {
            Assert.True((read.Geometry.Direction.Column(c) - g.Direction.Column(c)).Length < 1e-9);
        }

        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Read_RasSpaceRawEncoding_ConvertsToLps()
    {
        var header = "NRRD0004\ntype: uint8\ndimension: 3\nspace: right-anterior-superior\nsizes: 2 1 1\n"
            + "space directions: (-1.5,0,0) (0,-1,0) (0,0,2)\nkinds: domain domain domain\nencoding: raw\nspace origin: (10,20,30)\n\n";
        var bytes = Encoding.ASCII.GetBytes(header).Concat(new byte[] { 4, 5 }).ToArray();
        var read = NrrdLabelMap.Read(new MemoryStream(bytes));
        Assert.Equal(new WorldPoint(-10, -20, 30), read.Geometry.Origin);
        Assert.Equal(1.5, read.Geometry.SpacingI, 9);
        Assert.Equal(new Vector3D(1, 0, 0), read.Geometry.Direction.Column(0));
        Assert.Equal(new byte[] { 4, 5 }, read.Voxels);
    }

    [Theory]
    [InlineData("P5\n", "not a NRRD")]
    [InlineData("NRRD0004\ntype: float\ndimension: 3\n\n", "uint8")]
    [InlineData("NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4096 4096 4096\n\n", "exceed")]
    [InlineData("NRRD0004\ntype: uint8\ndimension: 3\nsizes: 2 2 2\nspace: LPS\nspace directions: (1,0,0) (0,1,0) (0,0,1)\nspace origin: (0,0,0)\nencoding: raw\n\n\u0001", "ends after 1")]
    public void Read_BadInput_ClearInvalidDataException(string content, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => NrrdLabelMap.Read(new MemoryStream(Encoding.ASCII.GetBytes(content))));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
