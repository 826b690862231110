using System.Globalization;
using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Series;

/// <summary>
/// Sorts a folder of mixed files into stacks that can each become a volume: by Series Instance UID,
/// then, within a series, by orientation and image size (scanners put localizers or several planes
/// into one series). Reads headers only, on all cores. Files that cannot be placed are reported
/// with the reason, never silently dropped.
/// </summary>
public static class DicomSeriesGrouper
{
    private const double OrientationTolerance = 1e-4;

    /// <summary>Groups every file under <paramref name="directory"/> (recursively by default).</summary>
    public static SeriesGrouping GroupDirectory(string directory, bool recursive = true)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = Directory.GetFiles(directory, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        return Group(files);
    }

    /// <summary>Groups the given files.</summary>
    public static SeriesGrouping Group(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var entries = new Entry?[files.Count];
        var reasons = new string?[files.Count];
        var options = new DicomReadOptions { StopBeforePixelData = true };
        Parallel.For(0, files.Count, n =>
        {
            try
            {
                entries[n] = Describe(files[n], DicomFile.Open(files[n], options).Dataset, out reasons[n]);
            }
            catch (DicomException e)
            {
                reasons[n] = "not readable as DICOM: " + e.Message;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reasons[n] = "cannot be read: " + e.Message;
            }
        });

        var skipped = new List<SkippedFile>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var bySeries = new Dictionary<string, List<(Entry Entry, string Path)>>(StringComparer.Ordinal);
        var seriesOrder = new List<string>();
        for (var n = 0; n < files.Count; n++)
        {
            var entry = entries[n];
            if (entry is null)
            {
                skipped.Add(new SkippedFile(files[n], reasons[n] ?? "unknown"));
                continue;
            }

            if (entry.SopInstanceUid.Length > 0 && !seen.TryAdd(entry.SopInstanceUid, files[n]))
            {
                skipped.Add(new SkippedFile(files[n], $"duplicate of {Path.GetFileName(seen[entry.SopInstanceUid])} (same SOP Instance UID)"));
                continue;
            }

            if (!bySeries.TryGetValue(entry.SeriesUid, out var list))
            {
                bySeries[entry.SeriesUid] = list = [];
                seriesOrder.Add(entry.SeriesUid);
            }

            list.Add((entry, files[n]));
        }

        var stacks = new List<SeriesGroup>();
        foreach (var uid in seriesOrder)
        {
            var members = bySeries[uid];
            var groups = new List<(Entry Key, List<string> Files)>();
            foreach (var (entry, path) in members)
            {
                if (entry.Frames > 1)
                {
                    groups.Add((entry, [path]));
                    continue;
                }

                var found = false;
                foreach (var (key, list) in groups)
                {
                    if (key.Frames == 1 && key.Rows == entry.Rows && key.Columns == entry.Columns
                        && (key.Row - entry.Row).Length <= OrientationTolerance && (key.Column - entry.Column).Length <= OrientationTolerance)
                    {
                        list.Add(path);
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    groups.Add((entry, [path]));
                }
            }

            for (var s = 0; s < groups.Count; s++)
            {
                var key = groups[s].Key;
                stacks.Add(new SeriesGroup
                {
                    SeriesInstanceUid = uid,
                    SeriesNumber = key.SeriesNumber,
                    Modality = key.Modality,
                    SeriesDescription = key.SeriesDescription,
                    SopClassUid = key.SopClassUid,
                    Row = key.Row,
                    Column = key.Column,
                    Rows = key.Rows,
                    Columns = key.Columns,
                    Frames = key.Frames,
                    GroupIndex = s,
                    Files = groups[s].Files,
                });
            }
        }

        stacks.Sort((a, b) =>
        {
            var bySeriesNumber = (a.SeriesNumber ?? int.MaxValue).CompareTo(b.SeriesNumber ?? int.MaxValue);
            if (bySeriesNumber != 0)
            {
                return bySeriesNumber;
            }

            var byUid = string.CompareOrdinal(a.SeriesInstanceUid, b.SeriesInstanceUid);
            return byUid != 0 ? byUid : a.GroupIndex.CompareTo(b.GroupIndex);
        });
        return new SeriesGrouping(stacks, skipped);
    }

    private static Entry? Describe(string path, DicomDataset ds, out string? reason)
    {
        reason = null;
        if (!ds.TryGetString(DicomTags.SeriesInstanceUID, out var series) || series.Length == 0)
        {
            reason = "no Series Instance UID (0020,000E)";
            return null;
        }

        if (!ds.Contains(DicomTags.Rows) || !ds.Contains(DicomTags.Columns))
        {
            reason = $"not an image (no Rows/Columns; SOP Class {Text(ds, DicomTags.SOPClassUID)})";
            return null;
        }

        var frames = ds.TryGetString(DicomTags.NumberOfFrames, out var nf) && int.TryParse(nf, CultureInfo.InvariantCulture, out var f) ? f : 1;
        var row = default(Vector3D);
        var column = default(Vector3D);
        if (frames <= 1)
        {
            if (!ds.Contains(DicomTags.ImageOrientationPatient) || !ds.Contains(DicomTags.ImagePositionPatient))
            {
                reason = "no Image Position/Orientation (Patient): a projection or secondary capture image cannot be placed in a volume";
                return null;
            }

            var iop = ds.GetDoubles(DicomTags.ImageOrientationPatient);
            if (iop.Length != 6)
            {
                reason = $"Image Orientation (Patient) has {iop.Length} values, 6 expected";
                return null;
            }

            row = new Vector3D(iop[0], iop[1], iop[2]);
            column = new Vector3D(iop[3], iop[4], iop[5]);
        }

        return new Entry
        {
            SeriesUid = series,
            SopInstanceUid = Text(ds, DicomTags.SOPInstanceUID),
            SopClassUid = Text(ds, DicomTags.SOPClassUID),
            SeriesNumber = ds.TryGetString(DicomTags.SeriesNumber, out var sn) && int.TryParse(sn, CultureInfo.InvariantCulture, out var number) ? number : null,
            Modality = Text(ds, DicomTags.Modality),
            SeriesDescription = Text(ds, DicomTags.SeriesDescription),
            Rows = ds.GetUInt16(DicomTags.Rows),
            Columns = ds.GetUInt16(DicomTags.Columns),
            Frames = frames,
            Row = row,
            Column = column,
        };
    }

    private static string Text(DicomDataset ds, DicomTag tag) => ds.TryGetString(tag, out var value) ? value : "";

    private sealed class Entry
    {
        public required string SeriesUid { get; init; }

        public required string SopInstanceUid { get; init; }

        public required string SopClassUid { get; init; }

        public int? SeriesNumber { get; init; }

        public required string Modality { get; init; }

        public required string SeriesDescription { get; init; }

        public required int Rows { get; init; }

        public required int Columns { get; init; }

        public required int Frames { get; init; }

        public Vector3D Row { get; init; }

        public Vector3D Column { get; init; }
    }
}
