using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Rendering;

/// <summary>
/// Renders index-space slices of a CT volume to 8-bit images.
/// </summary>
/// <remarks>
/// Slice <c>k</c> is drawn with image column = <c>i</c> and image row = <c>j</c>, top row first.
/// For a volume with identity direction (LPS) this is the radiological view of an axial slice seen
/// from the feet: anterior at the top, the patient's right on the viewer's left.
/// </remarks>
public static class SliceRenderer
{
    /// <summary>The 8-bit grey pixels of slice <paramref name="k"/> (width <c>SizeI</c>, height <c>SizeJ</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not a slice of the volume.</exception>
    public static byte[] RenderAxialGray8(Volume<short> hounsfield, int k, WindowLevel window)
    {
        ArgumentNullException.ThrowIfNull(hounsfield);
        var slice = hounsfield.SliceK(k);
        var pixels = new byte[slice.Length];
        window.ToBytes(slice, pixels);
        return pixels;
    }

    /// <summary>Slice <paramref name="k"/> as a greyscale PNG.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not a slice of the volume.</exception>
    public static byte[] RenderAxialPng(Volume<short> hounsfield, int k, WindowLevel window)
    {
        var pixels = RenderAxialGray8(hounsfield, k, window);
        return PngEncoder.EncodeGray8(pixels, hounsfield.Geometry.SizeI, hounsfield.Geometry.SizeJ);
    }

    /// <summary>
    /// Slice <paramref name="k"/> as an RGBA PNG with the labels blended over the grey image in the
    /// colours of <see cref="LabelColors"/>; label 0 (background) is left uncoloured.
    /// </summary>
    /// <param name="hounsfield">CT numbers.</param>
    /// <param name="labels">Labels on the same grid as <paramref name="hounsfield"/>.</param>
    /// <param name="k">Slice index.</param>
    /// <param name="window">Display window.</param>
    /// <param name="opacity">Weight of the label colour, 0–1.</param>
    /// <exception cref="ArgumentException">The volumes have different grids.</exception>
    public static byte[] RenderAxialOverlayPng(Volume<short> hounsfield, Volume<byte> labels, int k, WindowLevel window, double opacity = 0.35)
    {
        ArgumentNullException.ThrowIfNull(hounsfield);
        ArgumentNullException.ThrowIfNull(labels);
        if (!SameGrid(hounsfield.Geometry, labels.Geometry))
        {
            throw new ArgumentException("The label volume must share the CT volume's grid.", nameof(labels));
        }

        opacity = Math.Clamp(opacity, 0, 1);
        var grey = RenderAxialGray8(hounsfield, k, window);
        var lab = labels.SliceK(k);
        var rgba = new byte[grey.Length * 4];
        for (var n = 0; n < grey.Length; n++)
        {
            var g = grey[n];
            var color = lab[n] == 0 ? 0u : LabelColors.Of(lab[n]);
            var o = n * 4;
            if (color == 0)
            {
                rgba[o] = rgba[o + 1] = rgba[o + 2] = g;
            }
            else
            {
                rgba[o] = Blend(g, (byte)(color >> 16), opacity);
                rgba[o + 1] = Blend(g, (byte)(color >> 8), opacity);
                rgba[o + 2] = Blend(g, (byte)color, opacity);
            }

            rgba[o + 3] = 255;
        }

        return PngEncoder.EncodeRgba(rgba, hounsfield.Geometry.SizeI, hounsfield.Geometry.SizeJ);
    }

    private static byte Blend(byte grey, byte color, double opacity) =>
        (byte)Math.Floor((grey * (1 - opacity)) + (color * opacity) + 0.5);

    private static bool SameGrid(VolumeGeometry a, VolumeGeometry b) =>
        a.SizeI == b.SizeI && a.SizeJ == b.SizeJ && a.SizeK == b.SizeK;
}
