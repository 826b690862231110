using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Seldinger.Imaging.Series.Internal;

/// <summary>
/// Stored pixel values to modality values (value = stored × slope + intercept, PS3.3 C.7.6.16.2.11
/// and C.11.1.1.2), per slice. The common CT case — 16-bit, slope 1, integer intercept, a result that
/// fits 16 bits — is a vectorised 16-bit add; everything else takes an exact scalar path.
/// </summary>
internal static class PixelRescaler
{
    /// <summary>
    /// Rescales into 16-bit signed values, rounding to nearest; returns false when a value fell outside
    /// [−32768, 32767] (it is clamped). For 16-bit pixels <paramref name="raw"/> may be the bytes of
    /// <paramref name="target"/> itself (in-place).
    /// </summary>
    public static bool ToInt16(ReadOnlySpan<byte> raw, Span<short> target, PixelFormat format, double slope, double intercept)
    {
        var count = target.Length;
        var integral = slope == Math.Floor(slope) && intercept == Math.Floor(intercept)
            && Math.Abs(slope) <= 1 << 16 && Math.Abs(intercept) <= 1 << 30;
        if (format.BitsAllocated == 16 && slope == 1 && integral
            && format.MinStored + intercept >= short.MinValue && format.MaxStored + intercept <= short.MaxValue)
        {
            AddInt16(MemoryMarshal.Cast<byte, ushort>(raw)[..count], target, format, (short)intercept);
            return true;
        }

        var fits = true;
        if (integral)
        {
            long s = (long)slope, b = (long)intercept;
            for (var p = 0; p < count; p++)
            {
                var value = (Stored(raw, p, format) * s) + b;
                if (value is < short.MinValue or > short.MaxValue)
                {
                    fits = false;
                    value = Math.Clamp(value, short.MinValue, short.MaxValue);
                }

                target[p] = (short)value;
            }

            return fits;
        }

        for (var p = 0; p < count; p++)
        {
            var value = Math.Round((Stored(raw, p, format) * slope) + intercept);
            if (value is < short.MinValue or > short.MaxValue)
            {
                fits = false;
                value = Math.Clamp(value, short.MinValue, short.MaxValue);
            }

            target[p] = (short)value;
        }

        return fits;
    }

    /// <summary>Rescales into single-precision values (no rounding to integers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToSingle(ReadOnlySpan<byte> raw, Span<float> target, PixelFormat format, double slope, double intercept)
    {
        var count = target.Length;
        var s = (float)slope;
        var b = (float)intercept;
        var p = 0;
        if (format.BitsAllocated == 16 && Vector.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            var source = MemoryMarshal.Cast<byte, ushort>(raw)[..count];
            var width = Vector<ushort>.Count;
            var mask = new Vector<ushort>(Mask(format));
            var shift = 16 - format.BitsStored;
            var vs = new Vector<float>(s);
            var vb = new Vector<float>(b);
            var half = Vector<int>.Count;
            for (; p <= count - width; p += width)
            {
                var stored = new Vector<ushort>(source.Slice(p, width)) & mask;
                Vector<int> low, high;
                if (format.Signed)
                {
                    var signedValues = Vector.ShiftRightArithmetic(Vector.ShiftLeft(Vector.AsVectorInt16(stored), shift), shift);
                    Vector.Widen(signedValues, out low, out high);
                }
                else
                {
                    Vector.Widen(stored, out var lowU, out var highU);
                    low = Vector.AsVectorInt32(lowU);
                    high = Vector.AsVectorInt32(highU);
                }

                ((Vector.ConvertToSingle(low) * vs) + vb).CopyTo(target.Slice(p, half));
                ((Vector.ConvertToSingle(high) * vs) + vb).CopyTo(target.Slice(p + half, half));
            }
        }

        for (; p < count; p++)
        {
            target[p] = (Stored(raw, p, format) * s) + b;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddInt16(ReadOnlySpan<ushort> source, Span<short> target, PixelFormat format, short intercept)
    {
        var count = target.Length;
        var shift = 16 - format.BitsStored;
        var signExtend = format.Signed && shift > 0;
        var p = 0;
        if (Vector.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            var width = Vector<ushort>.Count;
            var mask = new Vector<ushort>(Mask(format));
            var add = new Vector<short>(intercept);
            for (; p <= count - width; p += width)
            {
                var values = Vector.AsVectorInt16(new Vector<ushort>(source.Slice(p, width)) & mask);
                if (signExtend)
                {
                    values = Vector.ShiftRightArithmetic(Vector.ShiftLeft(values, shift), shift);
                }

                (values + add).CopyTo(target.Slice(p, width));
            }
        }

        for (; p < count; p++)
        {
            target[p] = (short)(StoredValue(source[p], format) + intercept);
        }
    }

    private static ushort Mask(PixelFormat format) => (ushort)(format.BitsStored >= 16 ? 0xFFFF : (1 << format.BitsStored) - 1);

    private static int Stored(ReadOnlySpan<byte> raw, int p, PixelFormat format) => format.BitsAllocated == 16
        ? StoredValue(BinaryPrimitives.ReadUInt16LittleEndian(raw.Slice(p * 2, 2)), format)
        : StoredValue(raw[p], format);

    private static int StoredValue(int word, PixelFormat format)
    {
        var value = word & ((1 << format.BitsStored) - 1);
        if (format.Signed && (value & (1 << (format.BitsStored - 1))) != 0)
        {
            value -= 1 << format.BitsStored;
        }

        return value;
    }
}
