using System.Buffers.Binary;
using Seldinger.Dicom;
using Seldinger.Dicom.StructuredReporting;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Segmentation.Internal;
using Seldinger.Imaging.Series;

namespace Seldinger.Imaging.Segmentation;

/// <summary>
/// Reads a DICOM Segmentation (BINARY, or LABELMAP with 8- or 16-bit segment numbers) back onto the
/// grid of its source series. Each frame is placed by its Plane Position (Patient) — never by frame
/// order — and must fall on a slice of the grid with the grid's orientation (no resampling).
/// </summary>
/// <remarks>
/// Segments map to label values through <see cref="TissueSegments"/> when their coded category and
/// type are one of ours, otherwise to their Segment Number. Where binary segments overlap, the
/// segment with the higher number wins.
/// </remarks>
public static class DicomSegReader
{
    /// <summary>Reads the Segmentation file at <paramref name="path"/> onto <paramref name="geometry"/>.</summary>
    /// <exception cref="DicomException">The file is not a readable Segmentation.</exception>
    /// <exception cref="SeriesGeometryException">A frame does not lie on the grid.</exception>
    public static SegmentationVolume Read(string path, VolumeGeometry geometry) => Read(DicomFile.Open(path).Dataset, geometry);

    /// <summary>Reads a Segmentation dataset onto <paramref name="geometry"/>.</summary>
    /// <exception cref="DicomException">The dataset is not a readable Segmentation.</exception>
    /// <exception cref="SeriesGeometryException">A frame does not lie on the grid.</exception>
    public static SegmentationVolume Read(DicomDataset dataset, VolumeGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(geometry);
        var sopClass = dataset.GetString(DicomTags.SOPClassUID);
        if (sopClass is not (DicomUids.SegmentationStorage or SegmentationUids.LabelMapSegmentationStorage))
        {
            throw new DicomDataException(DicomTags.SOPClassUID, $"{sopClass} is not a Segmentation Storage SOP class");
        }

        var type = dataset.GetString(DicomTags.SegmentationType);
        if (type is not ("BINARY" or "LABELMAP"))
        {
            throw new DicomNotSupportedException($"Segmentation Type {type} is not read (BINARY and LABELMAP are)");
        }

        int rows = dataset.GetUInt16(DicomTags.Rows);
        int columns = dataset.GetUInt16(DicomTags.Columns);
        if (rows != geometry.SizeJ || columns != geometry.SizeI)
        {
            throw new SeriesGeometryException($"The segmentation is {columns}×{rows}; the grid is {geometry.SizeI}×{geometry.SizeJ}.");
        }

        var segments = ReadSegments(dataset);
        var frames = dataset.TryGetString(DicomTags.NumberOfFrames, out var nf) ? int.Parse(nf, System.Globalization.CultureInfo.InvariantCulture) : 1;
        var shared = dataset.Find(DicomTags.SharedFunctionalGroupsSequence)?.Sequence is { Count: > 0 } s ? s[0] : new DicomDataset();
        var perFrame = dataset.Find(DicomTags.PerFrameFunctionalGroupsSequence)?.Sequence;
        if (perFrame is null || perFrame.Count != frames)
        {
            throw new DicomDataException(DicomTags.PerFrameFunctionalGroupsSequence, $"has {perFrame?.Count ?? 0} items for {frames} frames");
        }

        int bitsAllocated = dataset.GetUInt16(DicomTags.BitsAllocated);
        var pixels = dataset.GetBytes(DicomTags.PixelData).Span;
        var plane = rows * columns;
        var needed = type == "BINARY" ? ((long)frames * plane + 7) / 8 : (long)frames * plane * (bitsAllocated / 8);
        if ((type == "BINARY" && bitsAllocated != 1) || (type == "LABELMAP" && bitsAllocated is not (8 or 16)) || pixels.Length < needed)
        {
            throw new DicomDataException(DicomTags.PixelData,
                $"holds {pixels.Length} bytes at {bitsAllocated} bits allocated; {needed} expected for {frames} {type} frames of {columns}×{rows}");
        }

        var labels = new Volume<byte>(geometry);
        var row = geometry.Direction.Column(0);
        var column = geometry.Direction.Column(1);
        for (var f = 0; f < frames; f++)
        {
            var item = perFrame[f];
            var iop = Group(item, shared, DicomTags.PlaneOrientationSequence, DicomTags.ImageOrientationPatient, f).GetDoubles(DicomTags.ImageOrientationPatient);
            if (iop.Length != 6 || (new Vector3D(iop[0], iop[1], iop[2]) - row).Length > 1e-4 || (new Vector3D(iop[3], iop[4], iop[5]) - column).Length > 1e-4)
            {
                throw new SeriesGeometryException($"Frame {f + 1} has another orientation than the grid; resampling a segmentation is not supported.");
            }

            var ipp = Group(item, shared, DicomTags.PlanePositionSequence, DicomTags.ImagePositionPatient, f).GetDoubles(DicomTags.ImagePositionPatient);
            var index = geometry.WorldToIndex(new WorldPoint(ipp[0], ipp[1], ipp[2]));
            var k = (int)Math.Round(index.K);
            if (Math.Abs(index.I) > 0.01 || Math.Abs(index.J) > 0.01 || Math.Abs(index.K - k) > 0.01 || k < 0 || k >= geometry.SizeK)
            {
                throw new SeriesGeometryException(
                    $"Frame {f + 1} at ({ipp[0]:0.###}, {ipp[1]:0.###}, {ipp[2]:0.###}) mm does not lie on a slice of the grid (index {index.I:0.##}, {index.J:0.##}, {index.K:0.##}).");
            }

            var slice = labels.SliceK(k);
            if (type == "BINARY")
            {
                var segmentNumber = Group(item, shared, DicomTags.SegmentIdentificationSequence, DicomTags.ReferencedSegmentNumber, f)
                    .GetInt32(DicomTags.ReferencedSegmentNumber);
                if (segmentNumber < 1 || segmentNumber > segments.Count)
                {
                    throw new DicomDataException(DicomTags.ReferencedSegmentNumber, $"frame {f + 1} references segment {segmentNumber}, which is not in the Segment Sequence");
                }

                var value = segments[segmentNumber - 1].LabelValue;
                var bit = (long)f * plane;
                for (var p = 0; p < plane; p++, bit++)
                {
                    if ((pixels[(int)(bit >> 3)] & (1 << (int)(bit & 7))) != 0)
                    {
                        slice[p] = value;
                    }
                }
            }
            else
            {
                for (var p = 0; p < plane; p++)
                {
                    var n = bitsAllocated == 8 ? pixels[(f * plane) + p] : BinaryPrimitives.ReadUInt16LittleEndian(pixels.Slice(((f * plane) + p) * 2, 2));
                    if (n > 0 && n <= segments.Count)
                    {
                        slice[p] = segments[n - 1].LabelValue;
                    }
                }
            }
        }

        var referenced = dataset.Find(DicomTags.ReferencedSeriesSequence)?.Sequence is { Count: > 0 } refs
            && refs[0].TryGetString(DicomTags.SeriesInstanceUID, out var uid) ? uid : "";
        return new SegmentationVolume
        {
            Labels = labels,
            Segments = segments,
            SegmentationType = type,
            ReferencedSeriesInstanceUid = referenced,
            SopInstanceUid = dataset.GetString(DicomTags.SOPInstanceUID),
        };
    }

    private static List<SegmentDescription> ReadSegments(DicomDataset dataset)
    {
        var items = dataset.GetSequence(DicomTags.SegmentSequence);
        var segments = new SegmentDescription?[items.Count];
        foreach (var item in items)
        {
            var number = item.GetInt32(DicomTags.SegmentNumber);
            if (number < 1 || number > items.Count || segments[number - 1] is not null)
            {
                throw new DicomDataException(DicomTags.SegmentNumber, $"segment numbers must run from 1 to {items.Count} without repeats; found {number}");
            }

            var category = DicomCode.FromSequence(item, DicomTags.SegmentedPropertyCategoryCodeSequence)
                ?? throw new DicomDataException(DicomTags.SegmentedPropertyCategoryCodeSequence, $"segment {number} has no category");
            var type = DicomCode.FromSequence(item, DicomTags.SegmentedPropertyTypeCodeSequence)
                ?? throw new DicomDataException(DicomTags.SegmentedPropertyTypeCodeSequence, $"segment {number} has no type");
            var tissue = TissueSegments.Find(category, type);
            segments[number - 1] = new SegmentDescription
            {
                LabelValue = tissue is { } t ? (byte)t : (byte)Math.Min(number, 255),
                Label = item.TryGetString(DicomTags.SegmentLabel, out var label) ? label : "",
                Category = category,
                Type = type,
                AlgorithmType = (item.TryGetString(DicomTags.SegmentAlgorithmType, out var algorithm) ? algorithm : "") switch
                {
                    "MANUAL" => SegmentAlgorithmType.Manual,
                    "SEMIAUTOMATIC" => SegmentAlgorithmType.Semiautomatic,
                    _ => SegmentAlgorithmType.Automatic,
                },
                AlgorithmName = item.TryGetString(DicomTags.SegmentAlgorithmName, out var name) ? name : "",
            };
        }

        return [.. segments.Select(s => s!)];
    }

    /// <summary>The functional group item holding <paramref name="attribute"/>: per-frame first, then shared.</summary>
    private static DicomDataset Group(DicomDataset perFrame, DicomDataset shared, DicomTag sequence, DicomTag attribute, int frame)
    {
        foreach (var source in (ReadOnlySpan<DicomDataset>)[perFrame, shared])
        {
            if (source.Find(sequence)?.Sequence is { Count: > 0 } items && items[0].Contains(attribute))
            {
                return items[0];
            }
        }

        throw new DicomDataException(sequence, $"frame {frame + 1}: neither the per-frame nor the shared functional groups give {attribute.ToDisplayString()}");
    }
}
