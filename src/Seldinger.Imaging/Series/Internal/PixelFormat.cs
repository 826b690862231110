namespace Seldinger.Imaging.Series.Internal;

/// <summary>How grayscale stored values are laid out (Bits Allocated, Bits Stored, Pixel Representation).</summary>
/// <param name="BitsAllocated">8 or 16.</param>
/// <param name="BitsStored">1 to <paramref name="BitsAllocated"/>; the value sits in the low bits (High Bit = Bits Stored − 1).</param>
/// <param name="Signed">Two's complement values (Pixel Representation 1).</param>
internal readonly record struct PixelFormat(int BitsAllocated, int BitsStored, bool Signed)
{
    public int BytesPerPixel => BitsAllocated / 8;

    /// <summary>Smallest stored value.</summary>
    public int MinStored => Signed ? -(1 << (BitsStored - 1)) : 0;

    /// <summary>Largest stored value.</summary>
    public int MaxStored => Signed ? (1 << (BitsStored - 1)) - 1 : (1 << BitsStored) - 1;
}
