namespace Seldinger.Dicom;

/// <summary>How a DICOM file was laid out when it was read.</summary>
public enum DicomFileFormat
{
    /// <summary>PS3.10: 128-byte preamble, "DICM", File Meta Information, dataset.</summary>
    Part10,

    /// <summary>File Meta Information (group 0002) at byte 0, without preamble and "DICM".</summary>
    FileMetaWithoutPreamble,

    /// <summary>A bare dataset at byte 0, with no preamble and no File Meta Information.</summary>
    RawDataset,
}
