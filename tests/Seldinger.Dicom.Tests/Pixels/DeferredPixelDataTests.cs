using System.Buffers.Binary;
using Seldinger.Dicom.Pixels;

namespace Seldinger.Dicom.Tests.Pixels;

public class DeferredPixelDataTests
{
    private const int Rows = 512;
    private const int Columns = 512;
    private const int FrameBytes = Rows * Columns * 2;

    [Fact]
    public void DecodeFrame_200MBMultiFrameDeferred_ReadsFrameByFrameWithBoundedMemory()
    {
        const int frames = 400; // 400 x 512 KiB = 200 MiB of pixel data
        using var temp = new PixelOracle.TempDir();
        var path = Path.Combine(temp.Path, "big.dcm");
        WriteMultiFrame(path, frames, (long)FrameBytes * frames);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = DicomFile.Open(path, new DicomReadOptions { DeferPixelData = true });
        var openAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var pixels = DicomPixelData.Create(file);

        long maxPerFrame = 0;
        foreach (var f in new[] { 0, 1, 199, 399 })
        {
            var start = GC.GetAllocatedBytesForCurrentThread();
            var frame = pixels.DecodeFrame(f);
            maxPerFrame = Math.Max(maxPerFrame, GC.GetAllocatedBytesForCurrentThread() - start);
            Assert.Equal(Expected(f, 0), frame.Samples[0]);
            Assert.Equal(Expected(f, 12345), frame.Samples[12345]);
            Assert.Equal(Expected(f, (Rows * Columns) - 1), frame.Samples[^1]);
        }

        Assert.True(openAllocated < 1 << 20, $"opening allocated {openAllocated} bytes");
        // A frame costs its file bytes, its canonical bytes and its int samples: 4 x 512 KiB, far below 200 MiB.
        Assert.True(maxPerFrame < 5L * FrameBytes, $"one frame allocated {maxPerFrame} bytes");
    }

    [Fact]
    public void Open_HugeSparsePixelData_HeaderOnlyAndDeferredReadsNeverTouchPixels()
    {
        using var temp = new PixelOracle.TempDir();
        var path = Path.Combine(temp.Path, "sparse.dcm");
        const int frames = 6000; // about 3 GiB declared, sparse on disk
        WriteMultiFrame(path, 0, (long)FrameBytes * frames, framesDeclared: frames);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var header = DicomFile.Open(path, new DicomReadOptions { StopBeforePixelData = true });
        var deferred = DicomFile.Open(path, new DicomReadOptions { DeferPixelData = true });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(header.Dataset.Contains(DicomTags.PixelData));
        Assert.Equal((long)FrameBytes * frames, deferred.DeferredPixelData!.ValueLength);
        Assert.True(allocated < 2 << 20, $"header reads allocated {allocated} bytes");
        var last = DicomPixelData.Create(deferred).DecodeFrame(frames - 1);
        Assert.All(last.Samples.Take(100), s => Assert.Equal(0, s));
    }

    [Fact]
    public void Save_DeferredFile_WritesSameBytesAsFullRead()
    {
        using var temp = new PixelOracle.TempDir();
        var path = Path.Combine(temp.Path, "small.dcm");
        WriteMultiFrame(path, 3, (long)FrameBytes * 3);

        var full = DicomFile.Open(path).ToArray();
        var deferred = DicomFile.Open(path, new DicomReadOptions { DeferPixelData = true }).ToArray();

        Assert.Equal(full, deferred);
    }

    [SkippableFact]
    public void Save_DeferredEncapsulatedFile_WritesSameBytesAsFullRead()
    {
        var path = TestFiles.Corpus("SC_rgb_rle_2frame.dcm");
        Skip.IfNot(File.Exists(path), "pydicom's corpus is not installed");

        var full = DicomFile.Open(path).ToArray();
        var deferred = DicomFile.Open(path, new DicomReadOptions { DeferPixelData = true }).ToArray();

        Assert.Equal(full, deferred);
    }

    private static int Expected(int frame, int index) => ((frame * 7919) + index) & 0xFFF;

    // Writes an Explicit VR Little Endian multi-frame file, streaming the pixel data frame by frame.
    private static void WriteMultiFrame(string path, int framesWritten, long pixelLength, int? framesDeclared = null)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7.3");
        ds.SetString(DicomTags.SOPInstanceUID, "2.25.4242");
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.SetIntegerString(DicomTags.NumberOfFrames, framesDeclared ?? framesWritten);
        ds.SetUInt16(DicomTags.Rows, Rows);
        ds.SetUInt16(DicomTags.Columns, Columns);
        ds.SetUInt16(DicomTags.BitsAllocated, 16);
        ds.SetUInt16(DicomTags.BitsStored, 12);
        ds.SetUInt16(DicomTags.HighBit, 11);
        ds.SetUInt16(DicomTags.PixelRepresentation, 0);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian).WriteTo(stream);
        var header = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0x7FE0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 0x0010);
        header[4] = (byte)'O';
        header[5] = (byte)'W';
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)pixelLength);
        stream.Write(header);
        var frame = new byte[FrameBytes];
        for (var f = 0; f < framesWritten; f++)
        {
            for (var i = 0; i < Rows * Columns; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(i * 2), (ushort)Expected(f, i));
            }

            stream.Write(frame);
        }

        stream.SetLength(stream.Position + pixelLength - ((long)FrameBytes * framesWritten));
    }
}
