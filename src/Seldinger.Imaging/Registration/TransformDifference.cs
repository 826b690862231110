namespace Seldinger.Imaging.Registration;

/// <summary>How far apart two transforms place a set of points.</summary>
/// <param name="RmsMm">Root mean square of the distances (mm).</param>
/// <param name="MaxMm">Largest distance (mm).</param>
public sealed record TransformDifference(double RmsMm, double MaxMm);
