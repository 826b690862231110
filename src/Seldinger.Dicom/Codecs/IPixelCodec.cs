using Seldinger.Dicom.Pixels;

namespace Seldinger.Dicom.Codecs;

/// <summary>
/// Decodes (and possibly encodes) the frames of one encapsulated transfer syntax. Decoded frames are
/// in the canonical layout of <see cref="PixelFrameInfo.DecodedLength"/>: little endian, samples
/// interleaved, full resolution, values right-aligned in <see cref="PixelFrameInfo.BitsStored"/> bits,
/// colour left in the space it was coded in (no YCbCr to RGB conversion).
/// </summary>
public interface IPixelCodec
{
    /// <summary>The transfer syntax this codec handles.</summary>
    TransferSyntax TransferSyntax { get; }

    /// <summary>True when <see cref="Encode"/> is implemented.</summary>
    bool CanEncode { get; }

    /// <summary>Decodes one frame's compressed bytes into <paramref name="destination"/> (<see cref="PixelFrameInfo.DecodedLength"/> bytes).</summary>
    /// <exception cref="DicomDataException">The compressed data is corrupt or does not match <paramref name="info"/>.</exception>
    void Decode(ReadOnlySpan<byte> encoded, PixelFrameInfo info, Span<byte> destination);

    /// <summary>Encodes one frame given in the canonical decoded layout; returns the compressed bytes.</summary>
    /// <exception cref="DicomNotSupportedException">The codec does not encode, or not this layout.</exception>
    byte[] Encode(ReadOnlySpan<byte> frame, PixelFrameInfo info);
}
