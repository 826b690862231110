namespace Seldinger.Dicom.Pixels.Internal;

/// <summary>Assigns the fragments of encapsulated pixel data to frames (PS3.5 A.4).</summary>
internal static class EncapsulatedFrames
{
    /// <summary>
    /// The fragment indices of each frame: one frame per fragment when the counts match, all fragments
    /// for a single frame, by <paramref name="offsets"/> (Extended or Basic Offset Table, relative to the
    /// first fragment's item tag) when given, otherwise by JPEG end-of-image markers (FF D9) at fragment ends.
    /// </summary>
    public static int[][] Map(int frames, IReadOnlyList<int> fragmentLengths, ulong[]? offsets, Func<int, byte[]> tail)
    {
        var count = fragmentLengths.Count;
        if (count == 0)
        {
            throw new DicomDataException(DicomTags.PixelData, "encapsulated pixel data has no fragments");
        }

        if (frames == 1)
        {
            return [Enumerable.Range(0, count).ToArray()];
        }

        if (offsets is null && count == frames)
        {
            return [.. Enumerable.Range(0, count).Select(i => new[] { i })];
        }

        if (offsets is not null)
        {
            var positions = new Dictionary<ulong, int>();
            ulong position = 0;
            for (var i = 0; i < count; i++)
            {
                positions[position] = i;
                position += 8 + (ulong)fragmentLengths[i];
            }

            var starts = new int[frames];
            for (var f = 0; f < frames; f++)
            {
                if (!positions.TryGetValue(offsets[f], out starts[f]) || (f > 0 && starts[f] <= starts[f - 1]))
                {
                    throw new DicomDataException(DicomTags.PixelData, $"offset table entry {f} ({offsets[f]}) does not point at a fragment in order");
                }
            }

            return Ranges(starts, count);
        }

        if (count < frames)
        {
            throw new DicomDataException(DicomTags.PixelData, $"{count} fragments cannot hold {frames} frames");
        }

        var ends = new List<int>();
        for (var i = 0; i < count && ends.Count < frames; i++)
        {
            if (EndsWithEoi(tail(i)))
            {
                ends.Add(i);
            }
        }

        if (ends.Count != frames || ends[^1] != count - 1)
        {
            throw new DicomDataException(DicomTags.PixelData, $"cannot assign {count} fragments to {frames} frames: no offset table and {ends.Count} end-of-image markers");
        }

        var result = new int[frames][];
        var first = 0;
        for (var f = 0; f < frames; f++)
        {
            result[f] = Enumerable.Range(first, ends[f] - first + 1).ToArray();
            first = ends[f] + 1;
        }

        return result;
    }

    private static int[][] Ranges(int[] starts, int count)
    {
        var result = new int[starts.Length][];
        for (var f = 0; f < starts.Length; f++)
        {
            var end = f + 1 < starts.Length ? starts[f + 1] : count;
            result[f] = Enumerable.Range(starts[f], end - starts[f]).ToArray();
        }

        return result;
    }

    private static bool EndsWithEoi(byte[] tail)
    {
        var n = tail.Length;
        while (n > 0 && tail[n - 1] == 0)
        {
            n--;
        }

        return n >= 2 && tail[n - 2] == 0xFF && tail[n - 1] == 0xD9;
    }
}
