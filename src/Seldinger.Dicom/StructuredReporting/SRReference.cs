namespace Seldinger.Dicom.StructuredReporting;

/// <summary>The referenced SOP instance of a COMPOSITE, IMAGE or WAVEFORM content item.</summary>
/// <param name="SopClassUid">Referenced SOP Class UID.</param>
/// <param name="SopInstanceUid">Referenced SOP Instance UID.</param>
/// <param name="Frames">Referenced Frame Numbers (IMAGE), empty when the whole image.</param>
/// <param name="Channels">Referenced Waveform Channels (WAVEFORM), as stored (pairs of group and channel numbers).</param>
public sealed record SRReference(string SopClassUid, string SopInstanceUid, IReadOnlyList<int> Frames, IReadOnlyList<int> Channels);
