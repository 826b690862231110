using System.Diagnostics;
using Seldinger.Dicom.Pixels;

namespace Seldinger.Dicom.Fuzz;

/// <summary>
/// One fuzz input through everything that consumes a read file: the reader, the text dump, the JSON
/// model (and back), every typed getter, the native pixel data and the writer in each uncompressed
/// syntax followed by a re-read. A <see cref="DicomException"/> is the expected answer to bad input;
/// any other exception, or going past <see cref="FuzzBounds"/>, is a finding.
/// </summary>
internal static class FuzzTarget
{
    private static readonly TransferSyntax[] WriteSyntaxes =
    [
        TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian,
        TransferSyntax.ExplicitVRBigEndian, TransferSyntax.DeflatedExplicitVRLittleEndian,
    ];

    /// <summary>Runs one input; throws <see cref="FuzzFindingException"/> or lets a non-DICOM exception escape.</summary>
    /// <param name="input">The input bytes (the first <paramref name="length"/> are used).</param>
    /// <param name="length">How many bytes of <paramref name="input"/> form the input.</param>
    /// <param name="bounds">Allocation and time bounds.</param>
    /// <param name="roundTrip">Also require that every file we write reads back with as many elements.</param>
    public static void Run(byte[] input, int length, FuzzBounds bounds, bool roundTrip)
    {
        var watch = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var options = new DicomReadOptions { MaxInflatedBytes = bounds.MaxInflatedBytes };
        DicomFile file;
        try
        {
            file = DicomFile.Read(new MemoryStream(input, 0, length, writable: false), options, "fuzz-input");
        }
        catch (DicomException)
        {
            Check(watch, before, length, deflated: false, bounds, "read");
            return;
        }

        var deflated = file.TransferSyntax.IsDeflated;
        Check(watch, before, length, deflated, bounds, "read");
        Inspect(file);
        Check(watch, before, length, deflated, bounds, "dump, JSON and getters");
        var allowance = DecodePixels(file);
        Check(watch, before, length, deflated, bounds, "pixel decoding", allowance);
        Rewrite(file, options, roundTrip);
        Check(watch, before, length, deflated, bounds, "writing", allowance);
    }

    private static void Inspect(DicomFile file)
    {
        Guard(() => DicomDump.ToText(file));
        Guard(() => DicomJsonModel.FromJson(DicomJsonModel.ToJson(file.Dataset)));
        Guard(() => file.GetNativePixelData());
        Guard(() => file.Dataset.CharacterSet);
        ReadValues(file.FileMetaInfo, 0);
        ReadValues(file.Dataset, 0);
    }

    private static void Rewrite(DicomFile file, DicomReadOptions options, bool roundTrip)
    {
        foreach (var syntax in WriteSyntaxes)
        {
            byte[] written;
            try
            {
                written = DicomFile.Create(file.Dataset, syntax).ToArray();
            }
            catch (DicomException)
            {
                continue;
            }

            DicomFile again;
            try
            {
                again = DicomFile.Read(new MemoryStream(written), options, "fuzz-rewritten");
            }
            catch (DicomException e)
            {
                if (!roundTrip)
                {
                    continue;
                }

                throw new FuzzFindingException($"written as {syntax.Name}, does not read back: {e.Message}");
            }

            // What we wrote ourselves must read back.
            if (roundTrip && again.Dataset.Count != file.Dataset.Count)
            {
                throw new FuzzFindingException(
                    $"written as {syntax.Name} and read back with {again.Dataset.Count} elements instead of {file.Dataset.Count}");
            }
        }
    }

    /// <summary>Decodes up to the first four frames with whatever codec the syntax has (native, RLE, JPEG, JPEG-LS, JPEG 2000).</summary>
    /// <summary>
    /// Compressed frames legitimately decode to more bytes than the input holds, up to what the header
    /// declares; frames declared larger than this are not decoded here (they could not be decoded within
    /// the per-input time bound), their size checks are covered by the codec tests.
    /// </summary>
    private const long MaxDecodedFrameBytes = 16L << 20;

    /// <summary>Decodes up to four frames; returns the allocation the declared frame sizes allow on top of the input bound.</summary>
    private static long DecodePixels(DicomFile file)
    {
        if (!file.Dataset.Contains(DicomTags.PixelData))
        {
            return 0;
        }

        long allowance = 0;
        try
        {
            var pixels = DicomPixelData.Create(file);
            if (pixels.IsEncapsulated && pixels.FrameInfo.DecodedLength > MaxDecodedFrameBytes)
            {
                return 0;
            }

            for (var frame = 0; frame < Math.Min(pixels.NumberOfFrames, 4); frame++)
            {
                // Decoded bytes, the int samples and the display image: a few times the declared frame.
                allowance += pixels.IsEncapsulated ? 8 * pixels.FrameInfo.DecodedLength : 0;
                var decoded = pixels.DecodeFrame(frame);
                _ = pixels.ToDisplayGray8(decoded);
            }
        }
        catch (DicomException)
        {
            // Pixel data that does not fit its description, or a syntax without a decoder.
        }

        return allowance;
    }

    private static void ReadValues(DicomDataset dataset, int depth)
    {
        foreach (var element in dataset)
        {
            var tag = element.Tag;
            if (element.Sequence is { } sequence)
            {
                if (depth < 16)
                {
                    foreach (var item in sequence)
                    {
                        ReadValues(item, depth + 1);
                    }
                }

                continue;
            }

            Guard(() => dataset.GetBytes(tag));
            Guard(() => dataset.TryGetString(tag, out _));
            Guard(() => dataset.GetStrings(tag));
            Guard(() => dataset.GetDoubles(tag));
            Guard(() => dataset.GetInt32s(tag));
            Guard(() => dataset.GetUInt16(tag));
            Guard(() => dataset.GetSequence(tag));
        }
    }

    private static void Guard<T>(Func<T> action)
    {
        try
        {
            _ = action();
        }
        catch (DicomException)
        {
            // The expected answer to values that do not fit the request.
        }
    }

    private static void Check(Stopwatch watch, long before, int length, bool deflated, FuzzBounds bounds, string stage, long allowance = 0)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var limit = bounds.AllocationLimit(length, deflated) + allowance;
        if (allocated > limit)
        {
            throw new FuzzFindingException($"{stage}: allocated {allocated} bytes for a {length}-byte input (bound {limit})");
        }

        if (watch.Elapsed > bounds.TimePerInput)
        {
            throw new FuzzFindingException($"{stage}: took {watch.Elapsed.TotalMilliseconds:F0} ms (bound {bounds.TimePerInput.TotalMilliseconds:F0} ms)");
        }
    }
}
