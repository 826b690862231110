namespace Seldinger.Imaging.Vessels;

/// <summary>One cross-section of a lumen profile.</summary>
/// <param name="ArcMm">Position along the centreline from its start, mm.</param>
/// <param name="Section">The cross-section there.</param>
public sealed record LumenSample(double ArcMm, CrossSection Section);
