namespace Seldinger.Imaging.Series;

/// <summary>One file of a series, in volume order.</summary>
/// <param name="Path">The file.</param>
/// <param name="SopInstanceUid">Its SOP Instance UID.</param>
/// <param name="InstanceNumber">Its Instance Number, when present (informative only).</param>
public sealed record SeriesSlice(string Path, string SopInstanceUid, int? InstanceNumber);
