using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Seldinger.Imaging;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Series;
using Seldinger.Storage;

namespace Seldinger.Server.Services;

/// <summary>
/// Volumes built from stored series, kept in memory (bounded by size) so that scrolling
/// through slices does not re-read the files.
/// </summary>
public sealed class VolumeCache(IMemoryCache cache, IServiceScopeFactory scopes, StorageOptions storage)
{
    /// <summary>The Hounsfield volume of a series, or null when the series is unknown.</summary>
    public async Task<Volume<short>?> GetHounsfieldAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("hu", seriesInstanceUid), out Volume<short>? cached))
        {
            return cached;
        }

        var files = await LoadFileListAsync(seriesInstanceUid, cancellationToken);
        if (files is null)
        {
            return null;
        }

        var volume = await Task.Run(() => DicomSeriesReader.ReadVolume(files).Hounsfield, cancellationToken);
        cache.Set(("hu", seriesInstanceUid), volume, new MemoryCacheEntryOptions { Size = volume.Voxels.Length * sizeof(short) });
        return volume;
    }

    /// <summary>The label map stored with a series, or null when it has none.</summary>
    public async Task<Volume<byte>?> GetLabelsAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("labels", seriesInstanceUid), out Volume<byte>? cached))
        {
            return cached;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SeldingerDbContext>();
        var path = await db.Series.Where(s => s.SeriesInstanceUid == seriesInstanceUid)
            .Select(s => s.LabelMapPath).SingleOrDefaultAsync(cancellationToken);
        if (path is null)
        {
            return null;
        }

        var labels = await Task.Run(() => NrrdLabelMap.Read(Path.Combine(storage.ImageDirectory, path)), cancellationToken);
        cache.Set(("labels", seriesInstanceUid), labels, new MemoryCacheEntryOptions { Size = labels.Voxels.Length });
        return labels;
    }

    private async Task<List<string>?> LoadFileListAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SeldingerDbContext>();
        var paths = await db.Instances.Where(i => i.SeriesInstanceUid == seriesInstanceUid)
            .Select(i => i.RelativePath).ToListAsync(cancellationToken);
        return paths.Count == 0 ? null : paths.ConvertAll(p => Path.Combine(storage.ImageDirectory, p));
    }
}
