using Seldinger.Imaging.Rendering;

namespace Seldinger.Imaging.Reslicing;

/// <summary>
/// A 2D image sampled from a volume on a <see cref="SlicePlane"/>: <see cref="Pixels"/> row by row, top row first,
/// in the volume's units (Hounsfield for CT). The plane maps overlay points between patient space and pixels.
/// </summary>
public sealed class ReslicedImage
{
    /// <summary>Wraps sampled pixels with their plane.</summary>
    /// <param name="plane">The plane the pixels were sampled on.</param>
    /// <param name="pixels">Width × height values, row by row, top row first.</param>
    public ReslicedImage(SlicePlane plane, float[] pixels)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != plane.Width * plane.Height)
        {
            throw new ArgumentException($"The image holds {pixels.Length} pixels but its plane is {plane.Width}×{plane.Height}.", nameof(pixels));
        }

        Plane = plane;
        Pixels = pixels;
    }

    /// <summary>The plane geometry.</summary>
    public SlicePlane Plane { get; }

    /// <summary>Pixels per row.</summary>
    public int Width => Plane.Width;

    /// <summary>Rows.</summary>
    public int Height => Plane.Height;

    /// <summary>The values, row by row, top row first: pixel (x, y) is at <c>x + Width · y</c>.</summary>
    public float[] Pixels { get; }

    /// <summary>The value of pixel (x, y).</summary>
    public float this[int x, int y]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(x);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
            ArgumentOutOfRangeException.ThrowIfNegative(y);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
            return Pixels[x + (Width * y)];
        }
    }

    /// <summary>The image as 8-bit grey levels through <paramref name="window"/>.</summary>
    public byte[] ToGray8(WindowLevel window)
    {
        var bytes = new byte[Pixels.Length];
        for (var n = 0; n < bytes.Length; n++)
        {
            bytes[n] = window.ToByte(Pixels[n]);
        }

        return bytes;
    }

    /// <summary>The image as an 8-bit greyscale PNG through <paramref name="window"/>.</summary>
    public byte[] ToPng(WindowLevel window) => PngEncoder.EncodeGray8(ToGray8(window), Width, Height);
}
