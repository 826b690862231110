using System.Buffers.Binary;
using Seldinger.Dicom;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Tests.Series;

/// <summary>
/// Writes a volume as one enhanced multi-frame image (Enhanced CT or Enhanced MR) with its geometry in
/// the functional groups: frames in the given order, Plane Position per frame, orientation and pixel
/// measures shared, and the rescale either shared or per frame.
/// </summary>
public static class EnhancedCtGenerator
{
    /// <param name="stored">Stored values (unsigned 16-bit) of the volume, i fastest.</param>
    /// <param name="geometry">Where the volume lies.</param>
    /// <param name="frameOrder">Frame n holds slice frameOrder[n].</param>
    /// <param name="rescale">Slope and intercept of slice k; when null, slope 1 and intercept −1024 are shared.</param>
    /// <param name="sopClass">Enhanced CT by default.</param>
    /// <param name="modality">CT by default.</param>
    public static DicomDataset Create(
        ushort[] stored, VolumeGeometry geometry, int[] frameOrder, Func<int, (double Slope, double Intercept)>? rescale = null,
        string sopClass = DicomUids.EnhancedCTImageStorage, string modality = "CT")
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SOPClassUID, sopClass);
        ds.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
        ds.SetStrings(DicomTags.ImageType, "DERIVED", "PRIMARY", "AXIAL", "NONE");
        ds.SetString(DicomTags.Modality, modality);
        ds.SetString(DicomTags.PatientName, "Enhanced^Test");
        ds.SetString(DicomTags.PatientID, "E1");
        ds.SetString(DicomTags.StudyInstanceUID, DicomUid.Generate());
        ds.SetString(DicomTags.SeriesInstanceUID, DicomUid.Generate());
        ds.SetString(DicomTags.FrameOfReferenceUID, DicomUid.Generate());
        ds.SetIntegerString(DicomTags.InstanceNumber, 1);
        ds.SetIntegerString(DicomTags.NumberOfFrames, frameOrder.Length);
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.SetUInt16(DicomTags.Rows, (ushort)geometry.SizeJ);
        ds.SetUInt16(DicomTags.Columns, (ushort)geometry.SizeI);
        ds.SetUInt16(DicomTags.BitsAllocated, 16);
        ds.SetUInt16(DicomTags.BitsStored, 16);
        ds.SetUInt16(DicomTags.HighBit, 15);
        ds.SetUInt16(DicomTags.PixelRepresentation, 0);

        var row = geometry.Direction.Column(0);
        var column = geometry.Direction.Column(1);
        var measures = new DicomDataset();
        measures.SetDecimalStrings(DicomTags.PixelSpacing, geometry.SpacingJ, geometry.SpacingI);
        measures.SetDecimalStrings(DicomTags.SliceThickness, geometry.SpacingK);
        var orientation = new DicomDataset();
        orientation.SetDecimalStrings(DicomTags.ImageOrientationPatient, row.X, row.Y, row.Z, column.X, column.Y, column.Z);
        var shared = new DicomDataset();
        shared.SetSequence(DicomTags.PixelMeasuresSequence, [measures]);
        shared.SetSequence(DicomTags.PlaneOrientationSequence, [orientation]);
        if (rescale is null)
        {
            shared.SetSequence(DicomTags.PixelValueTransformationSequence, [Transform(1, -1024)]);
        }

        ds.SetSequence(DicomTags.SharedFunctionalGroupsSequence, [shared]);

        var plane = geometry.SizeI * geometry.SizeJ;
        var pixels = new byte[frameOrder.Length * plane * 2];
        var perFrame = new List<DicomDataset>();
        for (var f = 0; f < frameOrder.Length; f++)
        {
            var k = frameOrder[f];
            var item = new DicomDataset();
            var position = new DicomDataset();
            var ipp = geometry.IndexToWorld(new VoxelIndex(0, 0, k));
            position.SetDecimalStrings(DicomTags.ImagePositionPatient, ipp.X, ipp.Y, ipp.Z);
            item.SetSequence(DicomTags.PlanePositionSequence, [position]);
            if (rescale is not null)
            {
                var (slope, intercept) = rescale(k);
                item.SetSequence(DicomTags.PixelValueTransformationSequence, [Transform(slope, intercept)]);
            }

            perFrame.Add(item);
            for (var p = 0; p < plane; p++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(((f * plane) + p) * 2), stored[(k * plane) + p]);
            }
        }

        ds.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, perFrame);
        ds.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        return ds;
    }

    private static DicomDataset Transform(double slope, double intercept)
    {
        var item = new DicomDataset();
        item.SetDecimalStrings(DicomTags.RescaleIntercept, intercept);
        item.SetDecimalStrings(DicomTags.RescaleSlope, slope);
        item.SetString(DicomTags.RescaleType, "HU");
        return item;
    }
}
