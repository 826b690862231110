using System.Globalization;
using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Imaging.Tests.Series;

/// <summary>Series to volume: sorting, every geometry check, rescale paths and pixel formats against brute force.</summary>
public sealed class DicomSeriesReaderTests : IDisposable
{
    private const int Rows = 4;
    private const int Columns = 5;
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static int[] Ramp(int k, int scale = 1) =>
        Enumerable.Range(0, Rows * Columns).Select(p => ((p * 37) + (k * 11)) % 4000 * scale).ToArray();

    private List<string> WriteStack(int count, Func<int, SyntheticSlice> slice)
    {
        var files = new List<string>();
        for (var k = 0; k < count; k++)
        {
            files.Add(slice(k).Write(Path.Combine(_dir.Path, string.Create(CultureInfo.InvariantCulture, $"s{(k * 7) % count:D3}-{k}.dcm"))));
        }

        return files;
    }

    [Fact]
    public void ReadVolume_ShuffledFiles_SortsAlongNormalNotByName()
    {
        // Oblique orientation: position along the normal, not z, decides the order.
        var row = new Vector3D(1, 0.2, 0).Normalized;
        var column = new Vector3D(-0.2, 1, 0.3).Normalized;
        column = (column - (row * row.Dot(column))).Normalized;
        var normal = row.Cross(column);
        var origin = new WorldPoint(10, -20, 30);
        var files = WriteStack(6, k => new SyntheticSlice
        {
            Position = origin + (normal * (2.5 * k)),
            RowDirection = row,
            ColumnDirection = column,
            Stored = Ramp(k),
            Intercept = -1024,
            Slope = 1,
        });
        files.Reverse();
        var volume = DicomSeriesReader.ReadVolume(files);
        Assert.Equal(2.5, volume.Geometry.SpacingK, 9);
        Assert.True(volume.Geometry.Origin.DistanceTo(origin) < 1e-6);
        for (var k = 0; k < 6; k++)
        {
            Assert.Equal(Ramp(k).Select(v => (short)(v - 1024)).ToArray(), volume.Hounsfield.SliceK(k).ToArray());
        }
    }

    [Fact]
    public void ReadVolume_PerSliceRescale_EachSliceUsesItsOwn()
    {
        var files = WriteStack(4, k => new SyntheticSlice
        {
            Position = new WorldPoint(0, 0, 3 * k),
            Stored = Ramp(k),
            Slope = k + 1,
            Intercept = -1000 + (k * 7),
        });
        var volume = DicomSeriesReader.ReadVolume(files);
        for (var k = 0; k < 4; k++)
        {
            var expected = Ramp(k).Select(v => (short)((v * (k + 1)) - 1000 + (k * 7))).ToArray();
            Assert.Equal(expected, volume.Hounsfield.SliceK(k).ToArray());
            Assert.Equal(k + 1, volume.Slices[k].RescaleSlope);
        }
    }

    [Fact]
    public void ReadFloatVolume_MrWithFractionalSlope_ExactValues()
    {
        var files = WriteStack(3, k => new SyntheticSlice
        {
            SopClassUid = DicomUids.MRImageStorage,
            Modality = "MR",
            Position = new WorldPoint(0, 0, 4 * k),
            Stored = Ramp(k, 16),
            Slope = 0.25 * (k + 1),
            Intercept = 0.5,
        });
        var volume = DicomSeriesReader.ReadFloatVolume(files);
        Assert.Equal("MR", volume.Modality);
        for (var k = 0; k < 3; k++)
        {
            var expected = Ramp(k, 16).Select(v => (float)((v * 0.25 * (k + 1)) + 0.5)).ToArray();
            Assert.Equal(expected, volume.Values.SliceK(k).ToArray());
        }
    }

    [Fact]
    public void ReadVolume_UnsignedValuesBeyond16BitSigned_ThrowsPointingToFloat()
    {
        var files = WriteStack(2, k => new SyntheticSlice
        {
            Modality = "MR",
            Position = new WorldPoint(0, 0, k),
            Stored = Enumerable.Repeat(60000, Rows * Columns).ToArray(),
        });
        var error = Assert.Throws<SeriesGeometryException>(() => DicomSeriesReader.ReadVolume(files));
        Assert.Contains("ReadFloatVolume", error.Message, StringComparison.Ordinal);
        Assert.All(DicomSeriesReader.ReadFloatVolume(files).Values.Voxels, v => Assert.Equal(60000f, v));
    }

    public static TheoryData<int, int, bool, double, double> Formats => new()
    {
        { 16, 12, false, 1, -1024 },
        { 16, 12, true, 1, 0 },
        { 16, 16, true, 1, -10 },
        { 16, 10, true, 2, 5 },
        { 16, 16, false, 0.5, -3.25 },
        { 16, 13, false, 1, 100.5 },
        { 8, 8, false, 1, 0 },
        { 8, 7, true, 3, -2 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void ReadVolume_PixelFormats_MatchBruteForce(int bitsAllocated, int bitsStored, bool isSigned, double slope, double intercept)
    {
        var random = new Random(bitsAllocated + (bitsStored * 3) + (isSigned ? 1 : 0));
        var stored = new int[3][];
        var files = WriteStack(3, k =>
        {
            // Random words including high bits above Bits Stored, which must be ignored.
            stored[k] = Enumerable.Range(0, Rows * Columns).Select(_ => random.Next(0, 1 << bitsAllocated)).ToArray();
            return new SyntheticSlice
            {
                Position = new WorldPoint(0, 0, k),
                BitsAllocated = bitsAllocated,
                BitsStored = bitsStored,
                IsSigned = isSigned,
                Slope = slope,
                Intercept = intercept,
                Stored = stored[k],
            };
        });
        var floats = DicomSeriesReader.ReadFloatVolume(files);
        var shorts = DicomSeriesReader.ReadVolume(files);
        for (var k = 0; k < 3; k++)
        {
            for (var p = 0; p < Rows * Columns; p++)
            {
                var value = stored[k][p] & ((1 << bitsStored) - 1);
                if (isSigned && value >= 1 << (bitsStored - 1))
                {
                    value -= 1 << bitsStored;
                }

                var exact = (value * slope) + intercept;
                Assert.Equal((float)exact, floats.Values.SliceK(k)[p], 3);
                Assert.Equal((short)Math.Round(exact), shorts.Hounsfield.SliceK(k)[p]);
            }
        }
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2")]
    [InlineData("1.2.840.10008.1.2.2")]
    [InlineData("1.2.840.10008.1.2.1.99")]
    public void ReadVolume_OtherTransferSyntaxes_SameAsExplicitLittleEndian(string syntax)
    {
        var files = WriteStack(3, k => new SyntheticSlice
        {
            Position = new WorldPoint(0, 0, k),
            Stored = Ramp(k),
            Intercept = -1024,
            Syntax = TransferSyntax.Parse(syntax),
        });
        var volume = DicomSeriesReader.ReadVolume(files);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(Ramp(k).Select(v => (short)(v - 1024)).ToArray(), volume.Hounsfield.SliceK(k).ToArray());
        }
    }

    [Fact]
    public void ReadVolume_HeaderLargerThanFirstRead_StillFindsPixels()
    {
        var files = WriteStack(2, k => new SyntheticSlice
        {
            Position = new WorldPoint(0, 0, k),
            Stored = Ramp(k),
            PrivateBytes = 100_000,
        });
        var volume = DicomSeriesReader.ReadVolume(files);
        Assert.Equal(Ramp(1).Select(v => (short)v).ToArray(), volume.Hounsfield.SliceK(1).ToArray());
    }

    [Fact]
    public void ReadVolume_DuplicatePosition_ThrowsNamingBothFiles()
    {
        var files = WriteStack(4, k => new SyntheticSlice { Position = new WorldPoint(0, 0, k == 3 ? 2 : k), Stored = Ramp(k) });
        var error = Assert.Throws<SeriesGeometryException>(() => DicomSeriesReader.ReadLayout(files));
        Assert.Contains("same position", error.Message, StringComparison.Ordinal);
        Assert.Contains("-3.dcm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVolume_MissingSlice_ThrowsSayingHowMany()
    {
        var files = WriteStack(6, k => new SyntheticSlice { Position = new WorldPoint(0, 0, 2.0 * (k >= 3 ? k + 2 : k)), Stored = Ramp(k) });
        var error = Assert.Throws<SeriesGeometryException>(() => DicomSeriesReader.ReadLayout(files));
        Assert.Contains("2 slice(s) missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVolume_UnevenSpacing_Throws()
    {
        var positions = new[] { 0, 2, 4, 6.5, 8.5 };
        var files = WriteStack(5, k => new SyntheticSlice { Position = new WorldPoint(0, 0, positions[k]), Stored = Ramp(k) });
        var error = Assert.Throws<SeriesGeometryException>(() => DicomSeriesReader.ReadLayout(files));
        Assert.Contains("Uneven slice spacing: 2.5 mm", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVolume_MixedOrientation_Throws()
    {
        var files = WriteStack(3, k => new SyntheticSlice
        {
            Position = new WorldPoint(0, 0, k),
            Stored = Ramp(k),
            ColumnDirection = k == 1 ? Vector3D.UnitZ : Vector3D.UnitY,
        });
        var error = Assert.Throws<SeriesGeometryException>(() => DicomSeriesReader.ReadLayout(files));
        Assert.Contains("mixes orientations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVolume_MixedSizes_Throws()
    {
        var files = WriteStack(2, k => new SyntheticSlice
        {
            Position = new WorldPoint(0, 0, k),
            Rows = k == 0 ? Rows : 2,
            Stored = Ramp(k),
        });
        var error = Assert.Throws<SeriesGeometryException>(() => DicomSeriesReader.ReadLayout(files));
        Assert.Contains("mixes image sizes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVolume_GantryTilt_RejectedByDefault()
    {
        var files = WriteStack(4, k => new SyntheticSlice { Position = new WorldPoint(0, 0.8 * 2 * k, 2.0 * k), Stored = Ramp(k) });
        var error = Assert.Throws<SeriesGeometryException>(() => DicomSeriesReader.ReadLayout(files));
        Assert.Contains("gantry tilt", error.Message, StringComparison.Ordinal);
        Assert.Contains("ResampleGantryTilt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVolume_GantryTiltResampled_MatchesShiftedSlicesExactly()
    {
        // Each slice moves two rows (2 × 0.8 mm) along the column direction per 2 mm step: a 38.7° shear.
        var files = WriteStack(4, k => new SyntheticSlice { Position = new WorldPoint(0, 1.6 * k, 2.0 * k), Stored = Ramp(k), Intercept = -1024 });
        var volume = DicomSeriesReader.ReadVolume(files, new SeriesReadOptions { ResampleGantryTilt = true });
        Assert.Equal(Math.Atan(0.8) * 180 / Math.PI, volume.GantryTiltDegrees, 6);
        Assert.Equal(2.0, volume.Geometry.SpacingK, 9);
        var min = Enumerable.Range(0, 4).SelectMany(k => Ramp(k)).Min() - 1024;
        for (var k = 0; k < 4; k++)
        {
            var acquired = Ramp(k);
            for (var j = 0; j < Rows; j++)
            {
                for (var i = 0; i < Columns; i++)
                {
                    // Output (i, j) lies at acquired row j − 2k of slice k.
                    var b = j - (2 * k);
                    var expected = b >= 0 ? acquired[i + (b * Columns)] - 1024 : min;
                    Assert.Equal(expected, volume.Hounsfield[i, j, k]);
                }
            }
        }
    }

    [Fact]
    public void ReadLayout_ThenReadSlice_GivesFirstSliceWithoutTheVolume()
    {
        var files = WriteStack(3, k => new SyntheticSlice { Position = new WorldPoint(0, 0, -k), Stored = Ramp(k) });
        var layout = DicomSeriesReader.ReadLayout(files);
        var slice = new short[Rows * Columns];
        layout.ReadSlice(0, slice);
        Assert.Equal(Ramp(2).Select(v => (short)v).ToArray(), slice);
        Assert.Equal(-2, layout.Slices[0].Position.Z);
    }

    [Fact]
    public void ReadVolume_NoFiles_Throws() =>
        Assert.Throws<SeriesGeometryException>(() => DicomSeriesReader.ReadVolume([]));
}
