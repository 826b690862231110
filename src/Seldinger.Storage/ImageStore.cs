using Microsoft.EntityFrameworkCore;
using Seldinger.Dicom;
using Seldinger.Imaging;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Series;
using Seldinger.Storage.Entities;

namespace Seldinger.Storage;

/// <summary>
/// The embedded image store: DICOM files under <c>images/{study}/{series}/{sop}.dcm</c>, indexed in
/// the database. Files are copied atomically and rows are written in one transaction after the files,
/// so an interrupted import leaves no row pointing at a missing or partial file.
/// </summary>
public sealed class ImageStore(SeldingerDbContext db, StorageOptions options, TimeProvider clock)
{
    /// <summary>
    /// Imports the files of one series: builds and checks its volume first (a series that cannot form
    /// a volume is refused whole, with the reason), then stores the files and indexes them.
    /// Importing the same instances again is a no-op.
    /// </summary>
    public async Task<SeriesImportResult> ImportSeriesAsync(IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new SeriesGeometryException("No files were given.");
        }

        // The volume is checked on every slice of the series: the ones given and the ones stored before,
        // so adding slices to a stored series can neither leave a gap nor shrink its recorded geometry.
        var stored = await StoredSlicesNotAmongAsync(files, cancellationToken);
        var volume = await Task.Run(() => DicomSeriesReader.ReadVolume([.. stored, .. files]), cancellationToken);
        var relativeFolder = Path.Combine(SafeName(volume.StudyInstanceUid), SafeName(volume.SeriesInstanceUid));
        var folder = Path.Combine(options.ImageDirectory, relativeFolder);
        Directory.CreateDirectory(folder);

        var known = await db.Instances.Where(i => i.SeriesInstanceUid == volume.SeriesInstanceUid)
            .Select(i => i.SopInstanceUid).ToListAsync(cancellationToken);
        var knownSet = known.ToHashSet(StringComparer.Ordinal);
        var added = new List<ImageInstance>();
        var copied = new List<string>();
        try
        {
            foreach (var slice in volume.Slices)
            {
                if (!knownSet.Add(slice.SopInstanceUid))
                {
                    continue;
                }

                var relative = Path.Combine(relativeFolder, SafeName(slice.SopInstanceUid) + ".dcm");
                var target = Path.Combine(options.ImageDirectory, relative);
                var (size, isNew) = CopyAtomically(slice.Path, target);
                if (isNew)
                {
                    copied.Add(target);
                }

                added.Add(new ImageInstance
                {
                    SopInstanceUid = slice.SopInstanceUid,
                    SeriesInstanceUid = volume.SeriesInstanceUid,
                    InstanceNumber = slice.InstanceNumber,
                    RelativePath = relative,
                    SizeBytes = size,
                });
            }

            var series = await db.Series.SingleOrDefaultAsync(s => s.SeriesInstanceUid == volume.SeriesInstanceUid, cancellationToken);
            if (series is null)
            {
                series = new ImageSeries
                {
                    SeriesInstanceUid = volume.SeriesInstanceUid,
                    StudyInstanceUid = volume.StudyInstanceUid,
                    PatientId = volume.PatientId,
                    Modality = volume.Modality,
                    Description = volume.SeriesDescription,
                    StoragePath = relativeFolder,
                    ImportedAt = clock.GetUtcNow(),
                };
                db.Series.Add(series);
            }

            var g = volume.Geometry;
            series.Rows = g.SizeJ;
            series.Columns = g.SizeI;
            series.SliceCount = g.SizeK;
            series.GeometryJson = SeriesGeometryJson.From(g).ToJson();
            db.Instances.AddRange(added);
            await db.SaveChangesAsync(cancellationToken);
            return new SeriesImportResult(series, volume, added.Count);
        }
        catch
        {
            // No row points at these files: remove them so the store holds nothing unindexed.
            foreach (var path in copied)
            {
                File.Delete(path);
            }

            throw;
        }
    }

    private async Task<List<string>> StoredSlicesNotAmongAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var headers = await Task.Run(() => files.Select(f => DicomFile.Open(f, new DicomReadOptions { StopBeforePixelData = true }).Dataset).ToList(),
            cancellationToken);
        var seriesUids = headers.Select(h => h.TryGetString(DicomTags.SeriesInstanceUID, out var uid) ? uid : null).Distinct().ToList();
        if (seriesUids is not [{ } seriesUid])
        {
            return []; // mixed or missing series: the volume reader names the file
        }

        var given = headers.Select(h => h.TryGetString(DicomTags.SOPInstanceUID, out var sop) ? sop : null)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var stored = await db.Instances.AsNoTracking().Where(i => i.SeriesInstanceUid == seriesUid)
            .Select(i => new { i.SopInstanceUid, i.RelativePath }).ToListAsync(cancellationToken);
        return stored.Where(i => !given.Contains(i.SopInstanceUid))
            .Select(i => Path.Combine(options.ImageDirectory, i.RelativePath)).ToList();
    }

    /// <summary>Stores a label map beside a series (NRRD) and records it; the geometry must match the series.</summary>
    public async Task AttachLabelMapAsync(string seriesInstanceUid, Volume<byte> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var series = await db.Series.SingleOrDefaultAsync(s => s.SeriesInstanceUid == seriesInstanceUid, cancellationToken)
            ?? throw new InvalidOperationException($"Series {seriesInstanceUid} is not in the store.");
        var g = labels.Geometry;
        if (g.SizeI != series.Columns || g.SizeJ != series.Rows || g.SizeK != series.SliceCount)
        {
            throw new ArgumentException(
                $"The label map is {g.SizeI}×{g.SizeJ}×{g.SizeK}, the series {series.Columns}×{series.Rows}×{series.SliceCount}.", nameof(labels));
        }

        var relative = Path.Combine(series.StoragePath, "labels.nrrd");
        await Task.Run(() => NrrdLabelMap.Write(labels, Path.Combine(options.ImageDirectory, relative)), cancellationToken);
        series.LabelMapPath = relative;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Copies unless the target exists; returns its size and whether this call created it.</summary>
    private static (long Size, bool IsNew) CopyAtomically(string source, string target)
    {
        if (File.Exists(target))
        {
            return (new FileInfo(target).Length, false);
        }

        var temporary = target + $".{Guid.NewGuid():N}.tmp";
        try
        {
            File.Copy(source, temporary);
            File.Move(temporary, target, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }

        return (new FileInfo(target).Length, true);
    }

    /// <summary>UIDs are digits and dots; anything else must not reach a path.</summary>
    private static string SafeName(string uid)
    {
        if (uid.Length == 0 || uid.Length > 64 || uid.Any(c => c is not (>= '0' and <= '9') and not '.'))
        {
            throw new InvalidDataException($"'{uid}' is not a valid DICOM UID.");
        }

        return uid;
    }
}
