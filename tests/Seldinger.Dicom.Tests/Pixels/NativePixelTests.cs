using System.Buffers.Binary;
using Seldinger.Dicom.Codecs;
using Seldinger.Dicom.Pixels;

namespace Seldinger.Dicom.Tests.Pixels;

public class NativePixelTests
{
    [Fact]
    public void DecodeFrame_OneBitFramesNotOnByteBoundaries_UnpacksLeastSignificantBitFirst()
    {
        // Two 3x3 frames = 18 bits; frame 1 starts at bit 9.
        var bits = new bool[18];
        var random = new Random(7);
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = random.Next(2) == 1;
        }

        var packed = new byte[4];
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                packed[i / 8] |= (byte)(1 << (i % 8));
            }
        }

        var pixels = new DicomPixelData(Image(3, 3, 1, 1, 1, 0, "MONOCHROME2", packed, frames: 2), TransferSyntax.ExplicitVRLittleEndian);

        for (var f = 0; f < 2; f++)
        {
            var frame = pixels.DecodeFrame(f);
            for (var i = 0; i < 9; i++)
            {
                Assert.Equal(bits[(f * 9) + i] ? 1 : 0, frame.Samples[i]);
            }
        }
    }

    [Fact]
    public void DecodeFrame_SignedTwelveBitsInSixteenWithHighBitsSet_MasksAndSignExtends()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, 0xF800);       // garbage above bit 11, value 0x800 = -2048
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), 0x07FF); // 2047
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 0xAFFF); // 0xFFF = -1
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), 0x0001);
        var pixels = new DicomPixelData(Image(2, 2, 1, 16, 12, 1, "MONOCHROME2", bytes), TransferSyntax.ExplicitVRLittleEndian);

        Assert.Equal([-2048, 2047, -1, 1], pixels.DecodeFrame(0).Samples);
    }

    [Fact]
    public void DecodeFrame_HighBitAboveBitsStored_ShiftsDown()
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, 0x0AB0);  // bits 4..15 hold 0x0AB
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), 0xFFF0);
        var ds = Image(1, 2, 1, 16, 12, 0, "MONOCHROME2", bytes);
        ds.SetUInt16(DicomTags.HighBit, 15);

        Assert.Equal([0x0AB, 0xFFF], new DicomPixelData(ds, TransferSyntax.ExplicitVRLittleEndian).DecodeFrame(0).Samples);
    }

    [Fact]
    public void DecodeFrame_PlanarConfigurationOne_Interleaves()
    {
        byte[] planes = [1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24];
        var ds = Image(2, 2, 3, 8, 8, 0, "RGB", planes);
        ds.SetUInt16(DicomTags.PlanarConfiguration, 1);

        var frame = new DicomPixelData(ds, TransferSyntax.ExplicitVRLittleEndian).DecodeFrame(0);

        Assert.Equal([1, 11, 21, 2, 12, 22, 3, 13, 23, 4, 14, 24], frame.Samples);
    }

    [Fact]
    public void DecodeFrame_YbrFull422_UpsamplesChromaAndReportsYbrFull()
    {
        byte[] stored = [10, 20, 100, 200, 30, 40, 110, 210];
        var frame = new DicomPixelData(Image(1, 4, 3, 8, 8, 0, "YBR_FULL_422", stored), TransferSyntax.ExplicitVRLittleEndian).DecodeFrame(0);

        Assert.Equal("YBR_FULL", frame.PhotometricInterpretation);
        Assert.Equal([10, 100, 200, 20, 100, 200, 30, 110, 210, 40, 110, 210], frame.Samples);
    }

    [Fact]
    public void ToRgb24_YbrFull_MatchesSpecEquations()
    {
        var random = new Random(3);
        var ybr = new byte[3 * 64];
        random.NextBytes(ybr);
        var pixels = new DicomPixelData(Image(8, 8, 3, 8, 8, 0, "YBR_FULL", ybr), TransferSyntax.ExplicitVRLittleEndian);

        var rgb = pixels.ToRgb24(pixels.DecodeFrame(0));

        for (var i = 0; i < 64; i++)
        {
            double y = ybr[i * 3], cb = ybr[(i * 3) + 1] - 128, cr = ybr[(i * 3) + 2] - 128;
            Assert.Equal(Clamp(y + (1.402 * cr)), rgb[i * 3]);
            Assert.Equal(Clamp(y - (0.344136 * cb) - (0.714136 * cr)), rgb[(i * 3) + 1]);
            Assert.Equal(Clamp(y + (1.772 * cb)), rgb[(i * 3) + 2]);
        }
    }

    [Fact]
    public void ToRgb24_PaletteColor_LooksUpSixteenBitTables()
    {
        var ds = Image(1, 3, 1, 8, 8, 0, "PALETTE COLOR", [0, 1, 5]);
        foreach (var (descriptor, data, scale) in new[]
        {
            (DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.RedPaletteColorLookupTableData, 1),
            (DicomTags.GreenPaletteColorLookupTableDescriptor, DicomTags.GreenPaletteColorLookupTableData, 2),
            (DicomTags.BluePaletteColorLookupTableDescriptor, DicomTags.BluePaletteColorLookupTableData, 3),
        })
        {
            ds.SetUInt16s(descriptor, 4, 1, 16); // 4 entries from input 1, 16 bits
            var lut = new byte[8];
            for (var i = 0; i < 4; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(lut.AsSpan(i * 2), (ushort)(((i + 1) * 10 * scale) << 8));
            }

            ds.SetBytes(data, DicomVR.OW, lut);
        }

        var pixels = new DicomPixelData(ds, TransferSyntax.ExplicitVRLittleEndian);
        var rgb = pixels.ToRgb24(pixels.DecodeFrame(0));

        // Input 0 clamps to the first entry, 1 is the first entry, 5 clamps to the last.
        Assert.Equal([10, 20, 30, 10, 20, 30, 40, 80, 120], rgb);
    }

    [Fact]
    public void ToDisplayGray8_WindowAndRescale_MatchesLinearFunction()
    {
        var bytes = new byte[2 * 256];
        for (var i = 0; i < 256; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), (short)((i * 16) - 2048));
        }

        var ds = Image(16, 16, 1, 16, 16, 1, "MONOCHROME1", bytes);
        ds.SetDecimalStrings(DicomTags.RescaleSlope, 0.5);
        ds.SetDecimalStrings(DicomTags.RescaleIntercept, -100);
        ds.SetDecimalStrings(DicomTags.WindowCenter, 40);
        ds.SetDecimalStrings(DicomTags.WindowWidth, 400);
        var pixels = new DicomPixelData(ds, TransferSyntax.ExplicitVRLittleEndian);
        var frame = pixels.DecodeFrame(0);

        var modality = pixels.ToModality(frame);
        var gray = pixels.ToDisplayGray8(frame);

        for (var i = 0; i < 256; i++)
        {
            var x = (((i * 16) - 2048) * 0.5) - 100;
            Assert.Equal((float)x, modality[i]);
            double y = x <= 40 - 0.5 - 199.5 ? 0 : x > 40 - 0.5 + 199.5 ? 255 : ((((x - 39.5) / 399) + 0.5) * 255);
            Assert.Equal(255 - (int)Math.Round(y, MidpointRounding.AwayFromZero), gray[i]);
        }
    }

    [Fact]
    public void ToModality_ModalityLutSequence_LooksUpTable()
    {
        var ds = Image(1, 3, 1, 16, 12, 0, "MONOCHROME2", [0, 0, 1, 0, 9, 0]);
        var item = new DicomDataset();
        item.SetUInt16s(DicomTags.LUTDescriptor, 3, 0, 16);
        item.SetBytes(DicomTags.LUTData, DicomVR.OW, new byte[] { 100, 0, 200, 0, 44, 1 });
        ds.SetSequence(DicomTags.ModalityLUTSequence, [item]);
        var pixels = new DicomPixelData(ds, TransferSyntax.ExplicitVRLittleEndian);

        Assert.Equal([100f, 200f, 300f], pixels.ToModality(pixels.DecodeFrame(0)));
    }

    [Fact]
    public void DecodeFrame_ShortPixelData_ThrowsNamingFrame()
    {
        var pixels = new DicomPixelData(Image(2, 2, 1, 16, 16, 0, "MONOCHROME2", new byte[10], frames: 2), TransferSyntax.ExplicitVRLittleEndian);

        var e = Assert.Throws<DicomDataException>(() => pixels.DecodeFrame(1));

        Assert.Contains("frame 2 of 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetEncodedFrame_BasicOffsetTable_GroupsFragmentsPerFrame()
    {
        ReadOnlyMemory<byte>[] fragments = [new byte[] { 1, 2 }, new byte[] { 3, 4 }, new byte[] { 5, 6, 7, 8 }];
        var table = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(4), 20); // frame 1 starts at the third item: (8 + 2) * 2
        var ds = Image(1, 1, 1, 8, 8, 0, "MONOCHROME2", [], frames: 2);
        ds.Set(new DicomElement(DicomTags.PixelData, new DicomFragmentSequence(table, fragments)));
        var pixels = new DicomPixelData(ds, TransferSyntax.RleLossless);

        Assert.Equal([1, 2, 3, 4], pixels.GetEncodedFrame(0));
        Assert.Equal([5, 6, 7, 8], pixels.GetEncodedFrame(1));
    }

    [Fact]
    public void GetEncodedFrame_ExtendedOffsetTable_TakesPrecedence()
    {
        ReadOnlyMemory<byte>[] fragments = [new byte[] { 1, 2 }, new byte[] { 3, 4 }, new byte[] { 5, 6 }];
        var ds = Image(1, 1, 1, 8, 8, 0, "MONOCHROME2", [], frames: 2);
        var eot = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(eot.AsSpan(8), 10);
        ds.SetBytes(DicomTags.ExtendedOffsetTable, DicomVR.OV, eot);
        ds.Set(new DicomElement(DicomTags.PixelData, new DicomFragmentSequence(ReadOnlyMemory<byte>.Empty, fragments)));
        var pixels = new DicomPixelData(ds, TransferSyntax.RleLossless);

        Assert.Equal([1, 2], pixels.GetEncodedFrame(0));
        Assert.Equal([3, 4, 5, 6], pixels.GetEncodedFrame(1));
    }

    [Fact]
    public void GetEncodedFrame_NoOffsetTable_SplitsAtJpegEndOfImage()
    {
        ReadOnlyMemory<byte>[] fragments = [new byte[] { 0xFF, 0xD8, 1, 2 }, new byte[] { 3, 0xFF, 0xD9, 0 }, new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }];
        var ds = Image(1, 1, 1, 8, 8, 0, "MONOCHROME2", [], frames: 2);
        ds.Set(new DicomElement(DicomTags.PixelData, new DicomFragmentSequence(ReadOnlyMemory<byte>.Empty, fragments)));
        var pixels = new DicomPixelData(ds, TransferSyntax.JpegBaseline);

        Assert.Equal(8, pixels.GetEncodedFrame(0).Length);
        Assert.Equal(4, pixels.GetEncodedFrame(1).Length);
    }

    [Theory]
    [InlineData(8, 1, 8)]
    [InlineData(16, 1, 16)]
    [InlineData(16, 1, 12)]
    [InlineData(8, 3, 8)]
    [InlineData(32, 1, 32)]
    [InlineData(16, 3, 16)]
    public void RleCodec_RandomRunsAndNoise_RoundTrips(int bitsAllocated, int samples, int bitsStored)
    {
        var info = new PixelFrameInfo(37, 41, samples, bitsAllocated, bitsStored, false, samples == 3 ? "RGB" : "MONOCHROME2");
        var frame = RandomFrame(info, 11);
        var codec = PixelCodecs.Get(TransferSyntax.RleLossless);

        var encoded = codec.Encode(frame, info);
        var decoded = new byte[info.DecodedLength];
        codec.Decode(encoded, info, decoded);

        Assert.Equal(0, encoded.Length % 2);
        Assert.Equal(frame, decoded);
    }

    [Theory]
    [InlineData(8, 1, 2)]
    [InlineData(8, 1, 8)]
    [InlineData(16, 1, 12)]
    [InlineData(16, 1, 16)]
    [InlineData(8, 3, 8)]
    [InlineData(16, 3, 16)]
    public void JpegLosslessCodec_RandomRunsAndNoise_RoundTrips(int bitsAllocated, int samples, int bitsStored)
    {
        var info = new PixelFrameInfo(29, 33, samples, bitsAllocated, bitsStored, false, samples == 3 ? "RGB" : "MONOCHROME2");
        var frame = RandomFrame(info, 5);
        var codec = PixelCodecs.Get(TransferSyntax.JpegLosslessSV1);

        var encoded = codec.Encode(frame, info);
        var decoded = new byte[info.DecodedLength];
        codec.Decode(encoded, info, decoded);

        Assert.Equal(frame, decoded);
    }

    private static byte[] RandomFrame(PixelFrameInfo info, int seed)
    {
        var random = new Random(seed);
        var count = (int)(info.PixelCount * info.SamplesPerPixel);
        var samples = new int[count];
        var max = info.BitsStored >= 31 ? int.MaxValue : (1 << info.BitsStored) - 1;
        for (var i = 0; i < count; i++)
        {
            // Alternate runs (for RLE replicate runs, JPEG zero differences) and noise (literals, large differences).
            samples[i] = (i / 50) % 2 == 0 && i > 0 ? samples[i - 1] : random.Next(0, max);
        }

        samples[0] = max;
        var bytes = new byte[info.DecodedLength];
        for (var i = 0; i < count; i++)
        {
            switch (info.BytesPerSample)
            {
                case 1:
                    bytes[i] = (byte)samples[i];
                    break;
                case 2:
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)samples[i]);
                    break;
                default:
                    BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), samples[i]);
                    break;
            }
        }

        return bytes;
    }

    private static byte Clamp(double v) => (byte)Math.Round(Math.Clamp(v, 0, 255));

    private static DicomDataset Image(int rows, int columns, int samples, int bitsAllocated, int bitsStored, int representation, string photometric, byte[] pixels, int frames = 1)
    {
        var ds = new DicomDataset();
        ds.SetUInt16(DicomTags.SamplesPerPixel, (ushort)samples);
        ds.SetString(DicomTags.PhotometricInterpretation, photometric);
        if (frames > 1)
        {
            ds.SetIntegerString(DicomTags.NumberOfFrames, frames);
        }

        ds.SetUInt16(DicomTags.Rows, (ushort)rows);
        ds.SetUInt16(DicomTags.Columns, (ushort)columns);
        ds.SetUInt16(DicomTags.BitsAllocated, (ushort)bitsAllocated);
        ds.SetUInt16(DicomTags.BitsStored, (ushort)bitsStored);
        ds.SetUInt16(DicomTags.HighBit, (ushort)(bitsStored - 1));
        ds.SetUInt16(DicomTags.PixelRepresentation, (ushort)representation);
        ds.SetBytes(DicomTags.PixelData, bitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, pixels);
        return ds;
    }
}
