namespace Seldinger.Dicom.StructuredReporting;

/// <summary>The value of a NUM content item (Measured Value Sequence, PS3.3 Table C.18.1-1).</summary>
/// <param name="Value">Numeric Value (DS), or Floating Point Value when present; null when the measurement is absent.</param>
/// <param name="Text">Numeric Value as written.</param>
/// <param name="Units">Measurement Units Code Sequence, usually UCUM, e.g. (mGy, UCUM, "mGy").</param>
/// <param name="Qualifier">Numeric Value Qualifier (e.g. why the value is missing), when present.</param>
public sealed record SRNumericValue(double? Value, string Text, DicomCode? Units, DicomCode? Qualifier);
