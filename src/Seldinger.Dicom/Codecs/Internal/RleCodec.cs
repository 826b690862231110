using System.Buffers.Binary;
using Seldinger.Dicom.Pixels;

namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>
/// RLE Lossless (PS3.5 Annex G): a 64-byte header of up to 15 segment offsets, one PackBits segment
/// per byte plane, most significant byte plane of each sample first, each row coded on its own,
/// segments padded to even length.
/// </summary>
internal sealed class RleCodec : IPixelCodec
{
    private const int HeaderLength = 64;

    public TransferSyntax TransferSyntax => TransferSyntax.RleLossless;

    public bool CanEncode => true;

    public void Decode(ReadOnlySpan<byte> encoded, PixelFrameInfo info, Span<byte> destination)
    {
        if (encoded.Length < HeaderLength)
        {
            throw Corrupt($"frame of {encoded.Length} bytes is shorter than the 64-byte RLE header");
        }

        var bps = info.BytesPerSample;
        var spp = info.SamplesPerPixel;
        var expected = bps * spp;
        var segments = (int)BinaryPrimitives.ReadUInt32LittleEndian(encoded);
        if (segments != expected)
        {
            throw Corrupt($"RLE header declares {segments} segments; {spp} samples of {info.BitsAllocated} bits need {expected}");
        }

        var pixels = (int)info.PixelCount;
        var plane = new byte[pixels];
        for (var seg = 0; seg < segments; seg++)
        {
            var start = (int)BinaryPrimitives.ReadUInt32LittleEndian(encoded[(4 + (seg * 4))..]);
            var end = seg + 1 < segments ? (int)BinaryPrimitives.ReadUInt32LittleEndian(encoded[(8 + (seg * 4))..]) : encoded.Length;
            if (start < HeaderLength || end > encoded.Length || end < start)
            {
                throw Corrupt($"RLE segment {seg + 1} offsets {start}..{end} lie outside the {encoded.Length}-byte frame");
            }

            var produced = UnpackBits(encoded[start..end], plane);
            if (produced < pixels)
            {
                throw Corrupt($"RLE segment {seg + 1} decodes to {produced} bytes, expected {pixels}");
            }

            var sample = seg / bps;
            var byteInSample = bps - 1 - (seg % bps);
            for (var p = 0; p < pixels; p++)
            {
                destination[(((p * spp) + sample) * bps) + byteInSample] = plane[p];
            }
        }
    }

    public byte[] Encode(ReadOnlySpan<byte> frame, PixelFrameInfo info)
    {
        var bps = info.BytesPerSample;
        var spp = info.SamplesPerPixel;
        var segments = bps * spp;
        if (segments > 15)
        {
            throw new DicomNotSupportedException($"RLE holds at most 15 segments; {spp} samples of {info.BitsAllocated} bits need {segments}");
        }

        if (info.BitsAllocated == 1)
        {
            throw new DicomNotSupportedException("RLE of 1-bit pixel data is not supported");
        }

        var output = new MemoryStream();
        output.Write(new byte[HeaderLength]);
        var header = new byte[HeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)segments);
        var row = new byte[info.Columns];
        for (var seg = 0; seg < segments; seg++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4 + (seg * 4)), (uint)output.Length);
            var sample = seg / bps;
            var byteInSample = bps - 1 - (seg % bps);
            for (var r = 0; r < info.Rows; r++)
            {
                for (var c = 0; c < info.Columns; c++)
                {
                    var p = (r * info.Columns) + c;
                    row[c] = frame[(((p * spp) + sample) * bps) + byteInSample];
                }

                PackBits(row, output);
            }

            if (output.Length % 2 == 1)
            {
                output.WriteByte(0);
            }
        }

        var result = output.ToArray();
        header.CopyTo(result, 0);
        return result;
    }

    /// <summary>PackBits decoding into <paramref name="output"/>; returns the bytes produced (stops when full).</summary>
    internal static int UnpackBits(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int i = 0, o = 0;
        while (i < input.Length && o < output.Length)
        {
            var n = (sbyte)input[i++];
            if (n >= 0)
            {
                var count = Math.Min(n + 1, Math.Min(output.Length - o, input.Length - i));
                input.Slice(i, count).CopyTo(output[o..]);
                i += n + 1;
                o += count;
            }
            else if (n != -128)
            {
                if (i >= input.Length)
                {
                    break;
                }

                var count = Math.Min(1 - n, output.Length - o);
                output.Slice(o, count).Fill(input[i++]);
                o += count;
            }
        }

        return o;
    }

    /// <summary>PackBits encoding of one row: runs of 2 or more equal bytes replicate, the rest are literals of at most 128.</summary>
    internal static void PackBits(ReadOnlySpan<byte> row, Stream output)
    {
        var i = 0;
        while (i < row.Length)
        {
            var run = 1;
            while (i + run < row.Length && run < 128 && row[i + run] == row[i])
            {
                run++;
            }

            if (run >= 2)
            {
                output.WriteByte((byte)(sbyte)(1 - run));
                output.WriteByte(row[i]);
                i += run;
                continue;
            }

            var start = i;
            var length = 0;
            while (i < row.Length && length < 128 && !(i + 1 < row.Length && row[i + 1] == row[i]))
            {
                i++;
                length++;
            }

            if (length == 0)
            {
                // A run of two begins here; it is handled by the next pass.
                continue;
            }

            output.WriteByte((byte)(length - 1));
            output.Write(row.Slice(start, length));
        }
    }

    private static DicomDataException Corrupt(string detail) => new(DicomTags.PixelData, detail);
}
