namespace Seldinger.Dicom.Pixels;

/// <summary>
/// One decoded frame. <see cref="Samples"/> holds the stored values before any rescale, one
/// <see cref="int"/> per sample, row by row, samples of a pixel interleaved (R, G, B for colour;
/// Y, Cb, Cr for YBR), at full resolution (YBR_FULL_422 is upsampled, so its
/// <see cref="PhotometricInterpretation"/> here is YBR_FULL). Signed data is sign-extended from the
/// high bit; unsigned 32-bit values above <see cref="int.MaxValue"/> keep their bits (read them
/// with <see cref="GetValue"/>).
/// </summary>
public sealed class PixelFrame
{
    /// <summary>Creates a frame; <paramref name="samples"/> is kept, not copied.</summary>
    public PixelFrame(PixelFrameInfo info, string photometricInterpretation, int[] samples)
    {
        ArgumentNullException.ThrowIfNull(photometricInterpretation);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.LongLength != info.PixelCount * info.SamplesPerPixel)
        {
            throw new ArgumentException($"{samples.Length} samples do not fill {info.Rows}x{info.Columns}x{info.SamplesPerPixel}", nameof(samples));
        }

        Info = info;
        PhotometricInterpretation = photometricInterpretation;
        Samples = samples;
    }

    /// <summary>The layout of the frame as stored.</summary>
    public PixelFrameInfo Info { get; }

    /// <summary>Rows.</summary>
    public int Rows => Info.Rows;

    /// <summary>Columns.</summary>
    public int Columns => Info.Columns;

    /// <summary>Samples per pixel (1 or 3).</summary>
    public int SamplesPerPixel => Info.SamplesPerPixel;

    /// <summary>The photometric interpretation of <see cref="Samples"/> (YBR_FULL_422 data reads YBR_FULL here).</summary>
    public string PhotometricInterpretation { get; }

    /// <summary>The samples, interleaved, row-major.</summary>
    public int[] Samples { get; }

    /// <summary>Sample <paramref name="index"/> as its true value (unsigned 32-bit data read without sign).</summary>
    public long GetValue(int index)
    {
        var v = Samples[index];
        return Info.BitsAllocated == 32 && !Info.IsSigned ? (uint)v : v;
    }
}
