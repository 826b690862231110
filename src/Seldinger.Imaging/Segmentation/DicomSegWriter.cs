using System.Buffers.Binary;
using System.Globalization;
using Seldinger.Dicom;
using Seldinger.Dicom.StructuredReporting;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Segmentation.Internal;

namespace Seldinger.Imaging.Segmentation;

/// <summary>
/// Writes a label map as a DICOM Segmentation with one segment per label value present, Segment Numbers
/// 1, 2, … in label value order. By default (<see cref="SegmentationType.Binary"/>) it is a Segmentation
/// Storage (1.2.840.10008.5.1.4.1.1.66.4) of type BINARY: one 1-bit frame per segment per slice that
/// contains it, each frame referencing its source image (Derivation Image), its position (Plane
/// Position) and its segment (Segment Identification), indexed by (segment, position) in the Dimension
/// Index Sequence. With <see cref="SegmentationType.LabelMap"/> it is a Label Map Segmentation Storage
/// (1.2.840.10008.5.1.4.1.1.66.7) of type LABELMAP: one 8-bit MONOCHROME2 frame per slice whose pixel
/// values are Segment Numbers (0 = background, Pixel Padding Value 0), Segments Overlap NO, no Segment
/// Identification, indexed by position alone.
/// </summary>
/// <remarks>
/// BINARY bits are packed as PS3.5 §8.1.1 says: the first pixel in the least significant bit of the first
/// byte, frames following each other without padding, the whole value padded to an even length. A
/// <see cref="Volume{T}"/> of bytes has at most 255 segments, so a LABELMAP is always 8 bits allocated
/// (PS3.3 Table C.8.20-2 allows 8 or 16).
/// </remarks>
public static class DicomSegWriter
{
    private static readonly DicomCode SourceImagePurpose = new("121322", "DCM", "Source image for image processing operation");
    private static readonly DicomCode SegmentationDerivation = new("113076", "DCM", "Segmentation");

    /// <summary>Builds the Segmentation dataset (BINARY or LABELMAP, per <see cref="DicomSegWriteOptions.Type"/>).</summary>
    /// <param name="labels">The label map on the source grid (0 = no segment).</param>
    /// <param name="source">The source series.</param>
    /// <param name="options">Series attributes and segment meanings; defaults to <see cref="TissueSegments"/>.</param>
    /// <exception cref="ArgumentException">The label map is not on the source grid, or a label has no segment description.</exception>
    public static DicomDataset Create(Volume<byte> labels, SegmentationSource source, DicomSegWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(source);
        options ??= new DicomSegWriteOptions();
        var g = labels.Geometry;
        CheckSameGrid(g, source);

        // Which labels occur on which slice, in one pass.
        var plane = g.SizeI * g.SizeJ;
        var present = new bool[g.SizeK, 256];
        Parallel.For(0, g.SizeK, k =>
        {
            foreach (var v in labels.SliceK(k))
            {
                present[k, v] = true;
            }
        });

        var segments = new List<SegmentDescription>();
        for (var value = 1; value < 256; value++)
        {
            var any = false;
            for (var k = 0; k < g.SizeK && !any; k++)
            {
                any = present[k, value];
            }

            if (any)
            {
                segments.Add(Describe(options, (byte)value));
            }
        }

        if (options.Type == SegmentationType.LabelMap)
        {
            return CreateLabelMap(labels, source, options, segments);
        }

        var frames = new List<(int Segment, int K)>();
        for (var s = 0; s < segments.Count; s++)
        {
            for (var k = 0; k < g.SizeK; k++)
            {
                if (present[k, segments[s].LabelValue])
                {
                    frames.Add((s, k));
                }
            }
        }

        var pixelBytes = checked((int)(((long)frames.Count * plane + 7) / 8));
        var pixels = new byte[pixelBytes + (pixelBytes & 1)];
        Parallel.For(0, frames.Count, f =>
        {
            var (s, k) = frames[f];
            var value = segments[s].LabelValue;
            var slice = labels.SliceK(k);
            var bit = (long)f * plane;
            for (var p = 0; p < slice.Length; p++, bit++)
            {
                if (slice[p] == value)
                {
                    // Frames may start mid-byte; bytes shared by two frames are only ever touched here
                    // by one of them when plane is a multiple of 8, so write through Interlocked otherwise.
                    if (plane % 8 == 0)
                    {
                        pixels[bit >> 3] |= (byte)(1 << (int)(bit & 7));
                    }
                    else
                    {
                        InterlockedOr(ref pixels[bit >> 3], (byte)(1 << (int)(bit & 7)));
                    }
                }
            }
        });

        return BuildDataset(g, source, options, segments, frames, pixels);
    }

    /// <summary>LABELMAP: every slice is one frame of Segment Numbers (PS3.3 C.8.20.2, Table C.8.20-2).</summary>
    private static DicomDataset CreateLabelMap(Volume<byte> labels, SegmentationSource source, DicomSegWriteOptions options, List<SegmentDescription> segments)
    {
        var g = labels.Geometry;
        var plane = g.SizeI * g.SizeJ;
        var segmentNumber = new byte[256];
        for (var s = 0; s < segments.Count; s++)
        {
            segmentNumber[segments[s].LabelValue] = (byte)(s + 1);
        }

        var length = checked((long)plane * g.SizeK);
        var pixels = new byte[checked((int)(length + (length & 1)))];
        Parallel.For(0, g.SizeK, k =>
        {
            var slice = labels.SliceK(k);
            var frame = pixels.AsSpan(k * plane, plane);
            for (var p = 0; p < frame.Length; p++)
            {
                frame[p] = segmentNumber[slice[p]];
            }
        });

        var frames = new List<(int Segment, int K)>(g.SizeK);
        for (var k = 0; k < g.SizeK; k++)
        {
            frames.Add((-1, k));
        }

        return BuildDataset(g, source, options, segments, frames, pixels);
    }

    /// <summary>Builds the Segmentation and saves it as a Part 10 file (Explicit VR Little Endian).</summary>
    public static void Write(Volume<byte> labels, SegmentationSource source, string path, DicomSegWriteOptions? options = null)
    {
        var dataset = Create(labels, source, options);
        DicomFile.Create(dataset, TransferSyntax.ExplicitVRLittleEndian).Save(path);
    }

    private static DicomDataset BuildDataset(
        VolumeGeometry g, SegmentationSource source, DicomSegWriteOptions options,
        List<SegmentDescription> segments, List<(int Segment, int K)> frames, byte[] pixels)
    {
        var labelMap = options.Type == SegmentationType.LabelMap;
        var now = options.ContentDateTime;
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = now.ToString("HHmmss", CultureInfo.InvariantCulture);
        var ds = new DicomDataset();

        // SOP Common, Patient, General Study (copied from the source: the segmentation joins the study).
        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.SetStrings(DicomTags.ImageType, "DERIVED", "PRIMARY");
        ds.SetString(DicomTags.SOPClassUID, labelMap ? SegmentationUids.LabelMapSegmentationStorage : DicomUids.SegmentationStorage);
        ds.SetString(DicomTags.SOPInstanceUID, options.SopInstanceUid ?? DicomUid.Generate());
        ds.SetString(DicomTags.StudyDate, source.StudyDate);
        ds.SetString(DicomTags.SeriesDate, date);
        ds.SetString(DicomTags.ContentDate, date);
        ds.SetString(DicomTags.StudyTime, source.StudyTime);
        ds.SetString(DicomTags.SeriesTime, time);
        ds.SetString(DicomTags.ContentTime, time);
        ds.SetString(DicomTags.AccessionNumber, source.AccessionNumber);
        ds.SetString(DicomTags.Modality, "SEG");
        ds.SetString(DicomTags.Manufacturer, "Seldinger");
        ds.SetString(DicomTags.ReferringPhysicianName, source.ReferringPhysicianName);
        ds.SetString(DicomTags.SeriesDescription, options.SeriesDescription);
        ds.SetString(DicomTags.ManufacturerModelName, "Seldinger");
        ds.SetString(DicomTags.PatientName, source.PatientName);
        ds.SetString(DicomTags.PatientID, source.PatientId);
        ds.SetString(DicomTags.PatientBirthDate, source.PatientBirthDate);
        ds.SetString(DicomTags.PatientSex, source.PatientSex);
        ds.SetString(DicomTags.DeviceSerialNumber, "0");
        ds.SetString(DicomTags.SoftwareVersions, DicomUids.ImplementationVersionName);
        ds.SetString(DicomTags.StudyInstanceUID, source.StudyInstanceUid);
        ds.SetString(DicomTags.SeriesInstanceUID, options.SeriesInstanceUid ?? DicomUid.Generate());
        ds.SetString(DicomTags.StudyID, source.StudyId);
        ds.SetIntegerString(DicomTags.SeriesNumber, options.SeriesNumber);
        ds.SetIntegerString(DicomTags.InstanceNumber, 1);
        ds.SetString(DicomTags.FrameOfReferenceUID, source.FrameOfReferenceUid);
        ds.SetString(DicomTags.PositionReferenceIndicator, "");

        // Common Instance Reference: the source series and its instances.
        var instances = new List<DicomDataset>(source.SopInstanceUids.Count);
        foreach (var uid in source.SopInstanceUids)
        {
            instances.Add(Reference(source.SopClassUid, uid));
        }

        var series = new DicomDataset();
        series.SetSequence(DicomTags.ReferencedInstanceSequence, instances);
        series.SetString(DicomTags.SeriesInstanceUID, source.SeriesInstanceUid);
        ds.SetSequence(DicomTags.ReferencedSeriesSequence, [series]);

        // Multi-frame Dimension: BINARY frames indexed by segment, then by position; LABELMAP frames
        // (which carry every segment) by position alone.
        var organization = DicomUid.Generate();
        var organizationItem = new DicomDataset();
        organizationItem.SetString(DicomTags.DimensionOrganizationUID, organization);
        ds.SetSequence(DicomTags.DimensionOrganizationSequence, [organizationItem]);
        var byPosition = DimensionIndex(organization, DicomTags.ImagePositionPatient, DicomTags.PlanePositionSequence, "ImagePositionPatient");
        ds.SetSequence(DicomTags.DimensionIndexSequence, labelMap
            ? [byPosition]
            : [DimensionIndex(organization, DicomTags.ReferencedSegmentNumber, DicomTags.SegmentIdentificationSequence, "ReferencedSegmentNumber"), byPosition]);

        // Image Pixel and Segmentation Image.
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.SetIntegerString(DicomTags.NumberOfFrames, frames.Count);
        ds.SetUInt16(DicomTags.Rows, (ushort)g.SizeJ);
        ds.SetUInt16(DicomTags.Columns, (ushort)g.SizeI);
        ds.SetUInt16(DicomTags.BitsAllocated, (ushort)(labelMap ? 8 : 1));
        ds.SetUInt16(DicomTags.BitsStored, (ushort)(labelMap ? 8 : 1));
        ds.SetUInt16(DicomTags.HighBit, (ushort)(labelMap ? 7 : 0));
        ds.SetUInt16(DicomTags.PixelRepresentation, 0);
        if (labelMap)
        {
            // A.51.4: the background of a label map is its Pixel Padding Value (absent for BINARY).
            ds.SetUInt16(DicomTags.PixelPaddingValue, 0);
        }

        ds.SetString(DicomTags.LossyImageCompression, "00");
        ds.SetString(DicomTags.SegmentationType, labelMap ? "LABELMAP" : "BINARY");
        if (labelMap)
        {
            // Table C.8.20-2: if present, shall be NO for LABELMAP.
            ds.SetString(DicomTags.SegmentsOverlap, "NO");
        }

        ds.SetString(DicomTags.ContentLabel, options.ContentLabel);
        ds.SetString(DicomTags.ContentDescription, options.SeriesDescription);
        ds.SetString(DicomTags.ContentCreatorName, options.ContentCreatorName);

        var segmentItems = new List<DicomDataset>(segments.Count);
        for (var s = 0; s < segments.Count; s++)
        {
            var d = segments[s];
            var item = new DicomDataset();
            item.SetSequence(DicomTags.SegmentedPropertyCategoryCodeSequence, [d.Category.ToItem()]);
            item.SetUInt16(DicomTags.SegmentNumber, (ushort)(s + 1));
            item.SetString(DicomTags.SegmentLabel, d.Label);
            item.SetString(DicomTags.SegmentAlgorithmType, d.AlgorithmType switch
            {
                SegmentAlgorithmType.Manual => "MANUAL",
                SegmentAlgorithmType.Semiautomatic => "SEMIAUTOMATIC",
                _ => "AUTOMATIC",
            });
            if (d.AlgorithmType != SegmentAlgorithmType.Manual)
            {
                item.SetString(DicomTags.SegmentAlgorithmName, d.AlgorithmName);
            }

            item.SetSequence(DicomTags.SegmentedPropertyTypeCodeSequence, [d.Type.ToItem()]);
            segmentItems.Add(item);
        }

        ds.SetSequence(DicomTags.SegmentSequence, segmentItems);

        // Shared functional groups: pixel measures and orientation are the source's.
        var row = g.Direction.Column(0);
        var column = g.Direction.Column(1);
        var measures = new DicomDataset();
        measures.SetDecimalStrings(DicomTags.SliceThickness, g.SpacingK);
        measures.SetDecimalStrings(DicomTags.PixelSpacing, g.SpacingJ, g.SpacingI);
        measures.SetDecimalStrings(DicomTags.SpacingBetweenSlices, g.SpacingK);
        var orientation = new DicomDataset();
        orientation.SetDecimalStrings(DicomTags.ImageOrientationPatient, row.X, row.Y, row.Z, column.X, column.Y, column.Z);
        var shared = new DicomDataset();
        shared.SetSequence(DicomTags.PixelMeasuresSequence, [measures]);
        shared.SetSequence(DicomTags.PlaneOrientationSequence, [orientation]);
        ds.SetSequence(DicomTags.SharedFunctionalGroupsSequence, [shared]);

        var perFrame = new DicomDataset[frames.Count];
        for (var f = 0; f < frames.Count; f++)
        {
            var (s, k) = frames[f];
            var sourceImage = Reference(source.SopClassUid, source.SopInstanceUids[k]);
            sourceImage.SetSequence(DicomTags.PurposeOfReferenceCodeSequence, [SourceImagePurpose.ToItem()]);
            var derivation = new DicomDataset();
            derivation.SetSequence(DicomTags.SourceImageSequence, [sourceImage]);
            derivation.SetSequence(DicomTags.DerivationCodeSequence, [SegmentationDerivation.ToItem()]);

            var content = new DicomDataset();
            var index = new byte[labelMap ? 4 : 8];
            if (labelMap)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(index, (uint)(k + 1));
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(index, (uint)(s + 1));
                BinaryPrimitives.WriteUInt32LittleEndian(index.AsSpan(4), (uint)(k + 1));
            }

            content.SetBytes(DicomTags.DimensionIndexValues, DicomVR.UL, index);

            var position = new DicomDataset();
            var ipp = g.IndexToWorld(new VoxelIndex(0, 0, k));
            position.SetDecimalStrings(DicomTags.ImagePositionPatient, ipp.X, ipp.Y, ipp.Z);

            var item = new DicomDataset();
            item.SetSequence(DicomTags.DerivationImageSequence, [derivation]);
            item.SetSequence(DicomTags.FrameContentSequence, [content]);
            item.SetSequence(DicomTags.PlanePositionSequence, [position]);
            if (!labelMap)
            {
                // Table A.51-2: no Segmentation Functional Group for LABELMAP (each pixel names its segment).
                var identification = new DicomDataset();
                identification.SetUInt16(DicomTags.ReferencedSegmentNumber, (ushort)(s + 1));
                item.SetSequence(DicomTags.SegmentIdentificationSequence, [identification]);
            }
            perFrame[f] = item;
        }

        ds.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, perFrame);
        ds.SetBytes(DicomTags.PixelData, DicomVR.OB, pixels);
        return ds;
    }

    private static DicomDataset Reference(string sopClass, string sopInstance)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.ReferencedSOPClassUID, sopClass);
        item.SetString(DicomTags.ReferencedSOPInstanceUID, sopInstance);
        return item;
    }

    private static DicomDataset DimensionIndex(string organization, DicomTag pointer, DicomTag group, string label)
    {
        var item = new DicomDataset();
        item.SetBytes(DicomTags.DimensionIndexPointer, DicomVR.AT, Tag(pointer));
        item.SetBytes(DicomTags.FunctionalGroupPointer, DicomVR.AT, Tag(group));
        item.SetString(DicomTags.DimensionOrganizationUID, organization);
        item.SetString(DicomTags.DimensionDescriptionLabel, label);
        return item;
    }

    private static byte[] Tag(DicomTag tag)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), tag.Element);
        return bytes;
    }

    private static SegmentDescription Describe(DicomSegWriteOptions options, byte value)
    {
        foreach (var s in options.Segments)
        {
            if (s.LabelValue == value)
            {
                return s;
            }
        }

        throw new ArgumentException($"Label value {value} occurs in the label map but has no segment description.", nameof(options));
    }

    private static void CheckSameGrid(VolumeGeometry g, SegmentationSource source)
    {
        var s = source.Geometry;
        if (g.SizeI != s.SizeI || g.SizeJ != s.SizeJ || g.SizeK != s.SizeK || g.Origin.DistanceTo(s.Origin) > 1e-3
            || Math.Abs(g.SpacingI - s.SpacingI) > 1e-6 || Math.Abs(g.SpacingJ - s.SpacingJ) > 1e-6 || Math.Abs(g.SpacingK - s.SpacingK) > 1e-6
            || (g.Direction.Column(2) - s.Direction.Column(2)).Length > 1e-6 || (g.Direction.Column(0) - s.Direction.Column(0)).Length > 1e-6)
        {
            throw new ArgumentException("The label map is not on the grid of the source series.", nameof(source));
        }

        if (source.SopInstanceUids.Count != g.SizeK)
        {
            throw new ArgumentException($"The source names {source.SopInstanceUids.Count} instances for {g.SizeK} slices.", nameof(source));
        }
    }

    private static void InterlockedOr(ref byte target, byte bits)
    {
        // No byte-wide Interlocked.Or: retry on the containing byte with CompareExchange.
        byte seen = target;
        while (true)
        {
            var updated = (byte)(seen | bits);
            var previous = Interlocked.CompareExchange(ref target, updated, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
