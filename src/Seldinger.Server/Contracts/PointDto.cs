namespace Seldinger.Server.Contracts;

/// <summary>A point in DICOM patient space (LPS), millimetres.</summary>
public sealed record PointDto(double X, double Y, double Z);
