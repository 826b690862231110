namespace Seldinger.Imaging.Series;

/// <summary>A file that <see cref="DicomSeriesGrouper"/> did not put into any stack, and why.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">Why, in one line (not DICOM, no image plane, duplicate instance, …).</param>
public sealed record SkippedFile(string Path, string Reason);
