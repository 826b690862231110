namespace Seldinger.Imaging.Series;

/// <summary>What <see cref="DicomSeriesGrouper"/> found in a set of files.</summary>
/// <param name="Groups">Groups ordered by Series Number, Series Instance UID, then stack index.</param>
/// <param name="Skipped">Files in no stack, with the reason.</param>
public sealed record SeriesGrouping(IReadOnlyList<SeriesGroup> Groups, IReadOnlyList<SkippedFile> Skipped);
