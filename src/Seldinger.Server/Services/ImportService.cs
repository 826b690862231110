using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Seldinger.Dicom;
using Seldinger.Imaging.Series;
using Seldinger.Storage;

namespace Seldinger.Server.Services;

/// <summary>
/// Imports uploaded DICOM files: streams each multipart section to a temporary folder under the data
/// directory (never holding a file in memory), checks every file, groups the images by series and
/// stores each series through <see cref="ImageStore.ImportSeriesAsync"/>. A series that cannot form a
/// volume is refused whole and nothing of it is stored; the temporary folder is always removed.
/// </summary>
public sealed class ImportService(ImageStore store, SeldingerDbContext db, StorageOptions storage, IConfiguration? configuration = null)
{
    private const int CopyBuffer = 1 << 16;

    /// <summary>The limits in force.</summary>
    public ImportOptions Options { get; } = ImportOptions.From(configuration);

    /// <summary>Imports the files of a multipart/form-data body with <paramref name="boundary"/>.</summary>
    /// <exception cref="ImportTooLargeException">The body is larger than <see cref="ImportOptions.MaxRequestBytes"/>.</exception>
    /// <exception cref="InvalidDataException">The body is not well-formed multipart or holds no file.</exception>
    public async Task<ImportResponse> ImportAsync(Stream body, string boundary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var folder = Path.Combine(storage.DataDirectory, "import-tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var received = await ReceiveAsync(body, boundary, folder, cancellationToken);
            if (received.Count == 0)
            {
                throw new InvalidDataException("The request holds no file; send each file as a multipart/form-data part with a filename.");
            }

            return await ImportReceivedAsync(received, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class Received(string name, string? path, ImportFileResult? refused)
    {
        public string Name { get; } = name;

        public string? Path { get; } = path;

        public ImportFileResult? Result { get; set; } = refused;

        public string? SeriesUid { get; set; }

        public string? SopUid { get; set; }
    }

    private async Task<List<Received>> ReceiveAsync(Stream body, string boundary, string folder, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        var received = new List<Received>();
        var total = 0L;
        var buffer = new byte[CopyBuffer];
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition())
            {
                total += await DrainAsync(section.Body, buffer, total, ct);
                continue;
            }

            var name = Path.GetFileName(disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value) ?? string.Empty;
            if (name.Length == 0)
            {
                name = $"file {received.Count + 1}";
            }

            var path = Path.Combine(folder, $"{received.Count:D6}.dcm");
            var size = 0L;
            var tooLarge = false;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBuffer))
            {
                int n;
                while ((n = await section.Body.ReadAsync(buffer, ct)) > 0)
                {
                    size += n;
                    total += n;
                    CheckTotal(total);
                    if (size > Options.MaxFileBytes)
                    {
                        tooLarge = true;
                        continue;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }

            if (tooLarge)
            {
                File.Delete(path);
                received.Add(new Received(name, null, Refused(name, "too-large", $"the file is larger than the {Options.MaxFileBytes} bytes allowed per file")));
            }
            else
            {
                received.Add(new Received(name, path, null));
            }
        }

        return received;
    }

    private async Task<long> DrainAsync(Stream section, byte[] buffer, long total, CancellationToken ct)
    {
        var size = 0L;
        int n;
        while ((n = await section.ReadAsync(buffer, ct)) > 0)
        {
            size += n;
            CheckTotal(total + size);
        }

        return size;
    }

    private void CheckTotal(long total)
    {
        if (total > Options.MaxRequestBytes)
        {
            throw new ImportTooLargeException($"The upload is larger than the {Options.MaxRequestBytes} bytes allowed per request.");
        }
    }

    private async Task<ImportResponse> ImportReceivedAsync(List<Received> received, CancellationToken ct)
    {
        var seenSop = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in received.Where(r => r.Result is null))
        {
            Inspect(r, seenSop);
        }

        var candidates = received.Where(r => r.Result is null && r.SeriesUid is not null).ToList();
        var sops = candidates.Select(r => r.SopUid!).ToList();
        var stored = (await db.Instances.Where(i => sops.Contains(i.SopInstanceUid)).Select(i => i.SopInstanceUid).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var series = new List<ImportSeriesResult>();
        foreach (var group in candidates.GroupBy(r => r.SeriesUid!, StringComparer.Ordinal))
        {
            series.Add(await ImportSeriesAsync(group.Key, group.ToList(), stored, ct));
        }

        return new ImportResponse(received.Select(r => r.Result!).ToList(), series);
    }

    /// <summary>Reads a received file whole: anything wrong with it is found before any series is stored.</summary>
    private static void Inspect(Received r, HashSet<string> seenSop)
    {
        DicomFile file;
        try
        {
            file = DicomFile.Open(r.Path!);
        }
        catch (DicomFileException e)
        {
            var notDicom = e.Detail.Contains("not a DICOM", StringComparison.Ordinal) || e.Detail.Contains("file is empty", StringComparison.Ordinal);
            r.Result = notDicom
                ? Refused(r.Name, "not-dicom", $"not a DICOM file: {e.Detail}")
                : Refused(r.Name, "corrupt", $"truncated or corrupt at byte {e.Offset}: {e.Detail}");
            return;
        }
        catch (DicomException e)
        {
            r.Result = Refused(r.Name, "unsupported", e.Message);
            return;
        }

        var ds = file.Dataset;
        ds.TryGetString(DicomTags.SeriesInstanceUID, out var seriesUid);
        ds.TryGetString(DicomTags.SOPInstanceUID, out var sopUid);
        if (!ds.Contains(DicomTags.PixelData) || !ds.Contains(DicomTags.Rows) || string.IsNullOrEmpty(seriesUid) || string.IsNullOrEmpty(sopUid))
        {
            r.Result = Refused(r.Name, "not-image", "not an image: Pixel Data, Rows, SeriesInstanceUID or SOPInstanceUID is missing", seriesUid, sopUid);
            return;
        }

        if (!seenSop.Add(sopUid))
        {
            r.Result = Refused(r.Name, "duplicate", $"instance {sopUid} appears twice in this upload", seriesUid, sopUid);
            return;
        }

        r.SeriesUid = seriesUid;
        r.SopUid = sopUid;
    }

    private async Task<ImportSeriesResult> ImportSeriesAsync(string seriesUid, List<Received> files, HashSet<string> stored, CancellationToken ct)
    {
        foreach (var r in files.Where(r => stored.Contains(r.SopUid!)))
        {
            r.Result = new ImportFileResult(r.Name, "already-stored", null, null, seriesUid, r.SopUid);
        }

        var fresh = files.Where(r => r.Result is null).ToList();
        var existing = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.SeriesInstanceUid == seriesUid, ct);
        if (fresh.Count == 0)
        {
            return new ImportSeriesResult(seriesUid, 0, existing?.SliceCount ?? 0, existing is null ? null : CaseMapper.ToGeometry(existing), null);
        }

        // The image store checks the volume on the new slices together with those it already holds.
        try
        {
            var result = await store.ImportSeriesAsync(fresh.ConvertAll(r => r.Path!), ct);
            foreach (var r in fresh)
            {
                r.Result = new ImportFileResult(r.Name, "stored", null, null, seriesUid, r.SopUid);
            }

            return new ImportSeriesResult(seriesUid, result.NewInstances, result.Series.SliceCount, CaseMapper.ToGeometry(result.Series), null);
        }
        catch (Exception e) when (e is SeriesGeometryException or DicomException or InvalidDataException)
        {
            db.ChangeTracker.Clear();
            var reason = $"series geometry error: {e.Message}";
            foreach (var r in fresh)
            {
                r.Result = Refused(r.Name, "series-geometry", reason, seriesUid, r.SopUid);
            }

            return new ImportSeriesResult(seriesUid, 0, existing?.SliceCount ?? 0, existing is null ? null : CaseMapper.ToGeometry(existing), reason);
        }
    }

    private static ImportFileResult Refused(string name, string code, string reason, string? series = null, string? sop = null) =>
        new(name, "refused", code, reason, series, sop);
}
