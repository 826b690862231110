using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Series;

/// <summary>One file of a series, in volume order.</summary>
/// <param name="Path">The file.</param>
/// <param name="SopInstanceUid">Its SOP Instance UID.</param>
/// <param name="InstanceNumber">Its Instance Number, when present (informative only: never used to sort).</param>
public sealed record SeriesSlice(string Path, string SopInstanceUid, int? InstanceNumber)
{
    /// <summary>Image Position (Patient): the centre of the slice's first pixel as acquired.</summary>
    public WorldPoint Position { get; init; }

    /// <summary>This slice's Rescale Slope (0028,1053); 1 when absent.</summary>
    public double RescaleSlope { get; init; } = 1;

    /// <summary>This slice's Rescale Intercept (0028,1052); 0 when absent.</summary>
    public double RescaleIntercept { get; init; }
}
