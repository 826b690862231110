namespace Seldinger.Dicom.Pixels.Internal;

/// <summary>Colour conversions of PS3.3 C.7.6.3.1.2.</summary>
internal static class ColorSpace
{
    /// <summary>
    /// YBR_FULL to RGB, the inverse of the equations in PS3.3 C.7.6.3.1.2:
    /// R = Y + 1.402 (Cr − h), G = Y − 0.344136 (Cb − h) − 0.714136 (Cr − h), B = Y + 1.772 (Cb − h),
    /// with h the half range (128 for 8 bits); the result is scaled to 8 bits.
    /// </summary>
    public static void YbrFullToRgb(ReadOnlySpan<int> ybr, int bits, Span<byte> rgb)
    {
        var half = (double)(1 << (bits - 1));
        var max = (double)((1 << bits) - 1);
        var scale = 255.0 / max;
        for (var i = 0; i + 2 < ybr.Length; i += 3)
        {
            double y = ybr[i], cb = ybr[i + 1] - half, cr = ybr[i + 2] - half;
            rgb[i] = To8(y + (1.402 * cr), max, scale);
            rgb[i + 1] = To8(y - (0.344136 * cb) - (0.714136 * cr), max, scale);
            rgb[i + 2] = To8(y + (1.772 * cb), max, scale);
        }
    }

    /// <summary>RGB to YBR_FULL with the forward equations of PS3.3 C.7.6.3.1.2 (8-bit).</summary>
    public static (int Y, int Cb, int Cr) RgbToYbrFull(int r, int g, int b)
    {
        var y = (0.2990 * r) + (0.5870 * g) + (0.1140 * b);
        var cb = (-0.1687 * r) - (0.3313 * g) + (0.5000 * b) + 128;
        var cr = (0.5000 * r) - (0.4187 * g) - (0.0813 * b) + 128;
        return ((int)Math.Clamp(Math.Round(y), 0, 255), (int)Math.Clamp(Math.Round(cb), 0, 255), (int)Math.Clamp(Math.Round(cr), 0, 255));
    }

    private static byte To8(double value, double max, double scale) => (byte)Math.Round(Math.Clamp(value, 0, max) * scale);
}
