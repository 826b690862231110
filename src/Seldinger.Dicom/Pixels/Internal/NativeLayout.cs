using System.Buffers.Binary;

namespace Seldinger.Dicom.Pixels.Internal;

/// <summary>Turns native (uncompressed) frames into the canonical layout and stored values.</summary>
internal static class NativeLayout
{
    /// <summary>
    /// Copies one native frame into <paramref name="output"/> in the canonical layout: interleaved,
    /// full resolution, 1-bit pixels unpacked (PS3.5 8.1.1: the first pixel is the least significant bit).
    /// </summary>
    public static void ToCanonical(ReadOnlySpan<byte> source, int bitOffset, DicomPixelData pixels, Span<byte> output)
    {
        var info = pixels.FrameInfo;
        var count = (int)(info.PixelCount * info.SamplesPerPixel);
        var bps = info.BytesPerSample;
        if (info.BitsAllocated == 1)
        {
            for (var i = 0; i < count; i++)
            {
                var bit = bitOffset + i;
                output[i] = (byte)((source[bit >> 3] >> (bit & 7)) & 1);
            }

            return;
        }

        if (pixels.PhotometricInterpretation == "YBR_FULL_422" && info.SamplesPerPixel == 3)
        {
            // PS3.3 C.7.6.3.1.2: Y1 Y2 Cb Cr for each horizontal pair of pixels.
            if (info.Columns % 2 != 0)
            {
                throw new DicomDataException(DicomTags.Columns, $"YBR_FULL_422 needs an even number of columns, found {info.Columns}");
            }

            var pairs = (int)(info.PixelCount / 2);
            for (var p = 0; p < pairs; p++)
            {
                var src = source.Slice(p * 4 * bps, 4 * bps);
                var dst = output.Slice(p * 6 * bps, 6 * bps);
                src[..bps].CopyTo(dst);
                src.Slice(2 * bps, 2 * bps).CopyTo(dst[bps..]);
                src.Slice(bps, bps).CopyTo(dst[(3 * bps)..]);
                src.Slice(2 * bps, 2 * bps).CopyTo(dst[(4 * bps)..]);
            }

            return;
        }

        if (pixels.PlanarConfiguration == 1 && info.SamplesPerPixel > 1)
        {
            var n = (int)info.PixelCount;
            var spp = info.SamplesPerPixel;
            for (var s = 0; s < spp; s++)
            {
                for (var p = 0; p < n; p++)
                {
                    source.Slice(((s * n) + p) * bps, bps).CopyTo(output.Slice(((p * spp) + s) * bps, bps));
                }
            }

            return;
        }

        source[..(count * bps)].CopyTo(output);
    }

    /// <summary>
    /// Turns big-endian native bytes, already swapped in units of <paramref name="swappedUnit"/> bytes
    /// (1 when untouched), into little endian in units of <paramref name="bitsAllocated"/>.
    /// </summary>
    public static void FromBigEndian(Span<byte> bytes, int swappedUnit, int bitsAllocated)
    {
        if (swappedUnit > 1)
        {
            for (var i = 0; i + swappedUnit <= bytes.Length; i += swappedUnit)
            {
                bytes.Slice(i, swappedUnit).Reverse();
            }
        }

        var unit = bitsAllocated <= 8 ? 1 : bitsAllocated / 8;

        if (unit > 1)
        {
            for (var i = 0; i + unit <= bytes.Length; i += unit)
            {
                bytes.Slice(i, unit).Reverse();
            }
        }
    }

    /// <summary>Reads canonical bytes as stored values: shifted right by <paramref name="shift"/>, masked to bits stored, sign-extended.</summary>
    public static int[] ToSamples(ReadOnlySpan<byte> bytes, PixelFrameInfo info, int shift)
    {
        var count = (int)(info.PixelCount * info.SamplesPerPixel);
        var samples = new int[count];
        var bits = info.BitsStored;
        var mask = bits >= 32 ? uint.MaxValue : (1u << bits) - 1;
        var signBit = 1u << (bits - 1);
        var signed = info.IsSigned;
        var bps = info.BytesPerSample;
        for (var i = 0; i < count; i++)
        {
            uint raw = bps switch
            {
                1 => bytes[i],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]),
                _ => BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]),
            };
            var v = (raw >> shift) & mask;
            if (signed && bits < 32 && (v & signBit) != 0)
            {
                v |= ~mask;
            }

            samples[i] = unchecked((int)v);
        }

        return samples;
    }

    /// <summary>Writes stored values back as canonical bytes (masked to bits stored, no shift).</summary>
    public static void FromSamples(ReadOnlySpan<int> samples, PixelFrameInfo info, Span<byte> bytes)
    {
        var mask = info.BitsStored >= 32 ? uint.MaxValue : (1u << info.BitsStored) - 1;
        var bps = info.BytesPerSample;
        for (var i = 0; i < samples.Length; i++)
        {
            var v = unchecked((uint)samples[i]) & mask;
            switch (bps)
            {
                case 1:
                    bytes[i] = (byte)v;
                    break;
                case 2:
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes[(i * 2)..], (ushort)v);
                    break;
                default:
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes[(i * 4)..], v);
                    break;
            }
        }
    }
}
