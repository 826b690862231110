namespace Seldinger.Imaging.Labels;

/// <summary>Binary masks from an intensity range.</summary>
public static class IntensityThreshold
{
    /// <summary>A mask that is 1 where <paramref name="lower"/> ≤ value ≤ <paramref name="upper"/> and 0 elsewhere.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lower"/> is above <paramref name="upper"/>.</exception>
    public static Volume<byte> Apply(Volume<short> image, short lower, short upper)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lower, upper);
        var mask = new Volume<byte>(image.Geometry);
        var src = image.Voxels;
        var dst = mask.Voxels;
        for (var n = 0; n < src.Length; n++)
        {
            var v = src[n];
            dst[n] = (byte)(v >= lower && v <= upper ? 1 : 0);
        }

        return mask;
    }

    /// <summary>A mask that is 1 where <paramref name="lower"/> ≤ value ≤ <paramref name="upper"/> and 0 elsewhere (NaN is outside).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lower"/> is above <paramref name="upper"/> or either bound is NaN.</exception>
    public static Volume<byte> Apply(Volume<float> image, float lower, float upper)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (float.IsNaN(lower) || float.IsNaN(upper) || lower > upper)
        {
            throw new ArgumentOutOfRangeException(nameof(lower), $"The range [{lower}, {upper}] is empty or not a number.");
        }

        var mask = new Volume<byte>(image.Geometry);
        var src = image.Voxels;
        var dst = mask.Voxels;
        for (var n = 0; n < src.Length; n++)
        {
            var v = src[n];
            dst[n] = (byte)(v >= lower && v <= upper ? 1 : 0);
        }

        return mask;
    }
}
