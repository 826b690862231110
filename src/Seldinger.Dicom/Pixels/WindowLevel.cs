namespace Seldinger.Dicom.Pixels;

/// <summary>A VOI window (PS3.3 C.11.2.1.2): Window Center (0028,1050) and Window Width (0028,1051), in modality units.</summary>
/// <param name="Center">The window centre.</param>
/// <param name="Width">The window width; at least 1.</param>
public readonly record struct WindowLevel(double Center, double Width)
{
    /// <summary>The lowest modality value that maps above black.</summary>
    public double Lower => Center - 0.5 - ((Width - 1) / 2);

    /// <summary>The highest modality value that maps below white.</summary>
    public double Upper => Center - 0.5 + ((Width - 1) / 2);

    /// <summary>
    /// Maps <paramref name="x"/> to [0, 255] with the LINEAR function of PS3.3 C.11.2.1.2.1.
    /// </summary>
    public byte Apply(double x)
    {
        if (Width <= 1)
        {
            return x < Center - 0.5 ? (byte)0 : (byte)255;
        }

        if (x <= Lower)
        {
            return 0;
        }

        if (x > Upper)
        {
            return 255;
        }

        var y = (((x - (Center - 0.5)) / (Width - 1)) + 0.5) * 255.0;
        return (byte)Math.Clamp(Math.Round(y, MidpointRounding.AwayFromZero), 0, 255);
    }
}
