namespace Seldinger.Dicom;

/// <summary>Well-known DICOM UIDs (PS3.6 annex A) and Seldinger's own.</summary>
public static class DicomUids
{
    /// <summary>Implicit VR Little Endian transfer syntax.</summary>
    public const string ImplicitVRLittleEndian = "1.2.840.10008.1.2";

    /// <summary>Explicit VR Little Endian transfer syntax.</summary>
    public const string ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";

    /// <summary>Deflated Explicit VR Little Endian transfer syntax.</summary>
    public const string DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";

    /// <summary>Explicit VR Big Endian transfer syntax (retired).</summary>
    public const string ExplicitVRBigEndian = "1.2.840.10008.1.2.2";

    /// <summary>CT Image Storage SOP class.</summary>
    public const string CTImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    /// <summary>Enhanced CT Image Storage SOP class.</summary>
    public const string EnhancedCTImageStorage = "1.2.840.10008.5.1.4.1.1.2.1";

    /// <summary>MR Image Storage SOP class.</summary>
    public const string MRImageStorage = "1.2.840.10008.5.1.4.1.1.4";

    /// <summary>Ultrasound Image Storage SOP class.</summary>
    public const string UltrasoundImageStorage = "1.2.840.10008.5.1.4.1.1.6.1";

    /// <summary>Secondary Capture Image Storage SOP class.</summary>
    public const string SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";

    /// <summary>X-Ray Angiographic Image Storage SOP class.</summary>
    public const string XRayAngiographicImageStorage = "1.2.840.10008.5.1.4.1.1.12.1";

    /// <summary>X-Ray Radiofluoroscopic Image Storage SOP class.</summary>
    public const string XRayRadiofluoroscopicImageStorage = "1.2.840.10008.5.1.4.1.1.12.2";

    /// <summary>Segmentation Storage SOP class.</summary>
    public const string SegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.4";

    /// <summary>Comprehensive SR Storage SOP class.</summary>
    public const string ComprehensiveSRStorage = "1.2.840.10008.5.1.4.1.1.88.33";

    /// <summary>Radiation Dose SR Storage SOP class.</summary>
    public const string XRayRadiationDoseSRStorage = "1.2.840.10008.5.1.4.1.1.88.67";

    /// <summary>Verification SOP class (C-ECHO).</summary>
    public const string Verification = "1.2.840.10008.1.1";

    /// <summary>Seldinger's implementation class UID, written in the File Meta of every file it creates.</summary>
    public const string ImplementationClassUid = "2.25.315967755673769753424092849916268158729";

    /// <summary>Seldinger's implementation version name (SH, at most 16 characters).</summary>
    public const string ImplementationVersionName = "SELDINGER_0_1";
}
