namespace Seldinger.Imaging.Rendering;

/// <summary>
/// A display window (VOI LUT) over CT numbers: the DICOM linear function of PS3.3 C.11.2.1.2.1
/// with Window Center (0028,1050) and Window Width (0028,1051).
/// </summary>
public readonly record struct WindowLevel
{
    /// <summary>Creates a window.</summary>
    /// <param name="center">Window centre, HU.</param>
    /// <param name="width">Window width, HU; at least 1 as the standard requires.</param>
    /// <exception cref="ArgumentOutOfRangeException">The width is below 1 or a value is not finite.</exception>
    public WindowLevel(double center, double width)
    {
        if (!double.IsFinite(center))
        {
            throw new ArgumentOutOfRangeException(nameof(center), center, "The window centre must be finite.");
        }

        if (!(width >= 1) || !double.IsFinite(width))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "The window width must be at least 1 (DICOM PS3.3 C.11.2.1.2).");
        }

        Center = center;
        Width = width;
    }

    /// <summary>Abdominal soft tissue: centre 40, width 400.</summary>
    public static WindowLevel SoftTissue => new(40, 400);

    /// <summary>Bone: centre 400, width 1800.</summary>
    public static WindowLevel Bone => new(400, 1800);

    /// <summary>Lung: centre −600, width 1500.</summary>
    public static WindowLevel Lung => new(-600, 1500);

    /// <summary>Liver (narrow, to show hypodense lesions): centre 60, width 160.</summary>
    public static WindowLevel Liver => new(60, 160);

    /// <summary>Window centre, HU.</summary>
    public double Center { get; }

    /// <summary>Window width, HU.</summary>
    public double Width { get; }

    /// <summary>
    /// The DICOM linear VOI function: <paramref name="outputMin"/> at or below
    /// <c>c − 0.5 − (w − 1)/2</c>, <paramref name="outputMax"/> above <c>c − 0.5 + (w − 1)/2</c>,
    /// and <c>((x − (c − 0.5)) / (w − 1) + 0.5) · (max − min) + min</c> in between.
    /// </summary>
    public double Apply(double value, double outputMin, double outputMax)
    {
        var w = Math.Max(Width, 1);
        var c = Center;
        if (value <= c - 0.5 - ((w - 1) / 2))
        {
            return outputMin;
        }

        if (value > c - 0.5 + ((w - 1) / 2))
        {
            return outputMax;
        }

        return ((((value - (c - 0.5)) / (w - 1)) + 0.5) * (outputMax - outputMin)) + outputMin;
    }

    /// <summary>Maps a CT number to an 8-bit grey level (0–255, rounded to nearest).</summary>
    public byte ToByte(double value) => (byte)Math.Floor(Apply(value, 0, 255) + 0.5);

    /// <summary>Maps CT numbers to 8-bit grey levels.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than the source.</exception>
    public void ToBytes(ReadOnlySpan<short> values, Span<byte> destination)
    {
        if (destination.Length < values.Length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values but {values.Length} are needed.", nameof(destination));
        }

        // Precompute the threshold band once; inside it the mapping is affine.
        var w = Math.Max(Width, 1);
        var low = Center - 0.5 - ((w - 1) / 2);
        var high = Center - 0.5 + ((w - 1) / 2);
        for (var n = 0; n < values.Length; n++)
        {
            double x = values[n];
            destination[n] = x <= low ? (byte)0 : x > high ? (byte)255 : ToByte(x);
        }
    }

    /// <summary>The window as text, e.g. <c>C 40 / W 400</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"C {Center:G6} / W {Width:G6}");
}
