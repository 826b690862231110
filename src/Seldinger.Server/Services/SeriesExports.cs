using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seldinger.Dicom;
using Seldinger.Imaging.Segmentation;
using Seldinger.Imaging.Series;
using Seldinger.Planning.Exports;
using Seldinger.Planning.Plans;
using Seldinger.Storage;

namespace Seldinger.Server.Services;

/// <summary>
/// What a stored series gives to other tools: its instances' headers as the DICOM JSON model, and its
/// label map as a DICOM SEG (for 3D Slicer, OHIF and other planning or viewing software).
/// </summary>
public sealed class SeriesExports(SeldingerDbContext db, VolumeCache volumes, StorageOptions storage)
{
    /// <summary>
    /// The headers (no pixel data) of every instance, sorted along the slice normal, as a JSON array of
    /// DICOM JSON objects (PS3.18 F, as a DICOMweb metadata response); null when the series is unknown.
    /// </summary>
    public async Task<byte[]?> MetadataJsonAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        var files = await FilesAsync(seriesInstanceUid, cancellationToken);
        if (files is null)
        {
            return null;
        }

        return await Task.Run(() =>
        {
            var layout = DicomSeriesReader.ReadLayout(files);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                foreach (var slice in layout.Slices)
                {
                    var header = DicomFile.Open(slice.Path, new DicomReadOptions { StopBeforePixelData = true }).Dataset;
                    DicomJsonModel.Write(writer, header);
                }

                writer.WriteEndArray();
            }

            return buffer.ToArray();
        }, cancellationToken);
    }

    /// <summary>The series' label map as a DICOM SEG Part 10 file; null when the series or its label map is unknown.</summary>
    public async Task<byte[]?> SegmentationAsync(string seriesInstanceUid, SegmentationType type, CancellationToken cancellationToken)
    {
        var labels = await volumes.GetLabelsAsync(seriesInstanceUid, cancellationToken);
        var files = labels is null ? null : await FilesAsync(seriesInstanceUid, cancellationToken);
        if (labels is null || files is null)
        {
            return null;
        }

        return await Task.Run(() =>
        {
            var source = SegmentationSource.FromLayout(DicomSeriesReader.ReadLayout(files));
            var dataset = DicomSegWriter.Create(labels, source, new DicomSegWriteOptions { Type = type });
            using var buffer = new MemoryStream();
            DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian).WriteTo(buffer);
            return buffer.ToArray();
        }, cancellationToken);
    }

    /// <summary>
    /// A plan as a DICOM Comprehensive 3D SR in the study and frame of reference of its series (Part 10 file); null when
    /// the series is no longer in the store.
    /// </summary>
    public async Task<byte[]?> PlanReportAsync(string seriesInstanceUid, ProcedurePlan plan, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var files = await FilesAsync(seriesInstanceUid, cancellationToken);
        if (files is null)
        {
            return null;
        }

        return await Task.Run(() =>
        {
            var source = SegmentationSource.FromLayout(DicomSeriesReader.ReadLayout(files));
            var dataset = PlanStructuredReport.Create(plan, source, new PlanReportOptions { ContentDateTime = createdAt });
            using var buffer = new MemoryStream();
            DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian).WriteTo(buffer);
            return buffer.ToArray();
        }, cancellationToken);
    }

    private async Task<List<string>?> FilesAsync(string seriesInstanceUid, CancellationToken cancellationToken)
    {
        var paths = await db.Instances.AsNoTracking().Where(i => i.SeriesInstanceUid == seriesInstanceUid)
            .Select(i => i.RelativePath).ToListAsync(cancellationToken);
        return paths.Count == 0 ? null : paths.ConvertAll(p => Path.Combine(storage.ImageDirectory, p));
    }
}
