namespace Seldinger.Dicom.Pixels;

/// <summary>
/// The layout of one frame as the Image Pixel module describes it: the parameters a codec needs to
/// decode a compressed frame into native bytes or to encode native bytes.
/// </summary>
/// <param name="Rows">Rows (0028,0010).</param>
/// <param name="Columns">Columns (0028,0011).</param>
/// <param name="SamplesPerPixel">Samples per Pixel (0028,0002): 1 or 3.</param>
/// <param name="BitsAllocated">Bits Allocated (0028,0100): 1, 8, 16 or 32.</param>
/// <param name="BitsStored">Bits Stored (0028,0101).</param>
/// <param name="IsSigned">Pixel Representation (0028,0103) is 1 (two's complement).</param>
/// <param name="PhotometricInterpretation">Photometric Interpretation (0028,0004), e.g. MONOCHROME2, RGB, YBR_FULL_422.</param>
public readonly record struct PixelFrameInfo(int Rows, int Columns, int SamplesPerPixel, int BitsAllocated, int BitsStored, bool IsSigned, string PhotometricInterpretation)
{
    /// <summary>Bytes per sample in native data (1 for 1- and 8-bit, 2 for 16-bit, 4 for 32-bit).</summary>
    public int BytesPerSample => BitsAllocated <= 8 ? 1 : BitsAllocated / 8;

    /// <summary>Pixels in one frame.</summary>
    public long PixelCount => (long)Rows * Columns;

    /// <summary>
    /// The size in bytes of one decoded frame in the canonical layout codecs produce: little endian,
    /// <see cref="BytesPerSample"/> per sample, samples interleaved (planar configuration 0), full resolution.
    /// </summary>
    public long DecodedLength => PixelCount * SamplesPerPixel * BytesPerSample;
}
