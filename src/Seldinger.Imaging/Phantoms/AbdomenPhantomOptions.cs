namespace Seldinger.Imaging.Phantoms;

/// <summary>
/// Settings of <see cref="AbdomenPhantom.Generate(AbdomenPhantomOptions)"/>. The defaults give the
/// reference case: a 6-year-old's upper abdomen with a 2.4 cm mass deep in the right liver lobe,
/// 256 × 256 axial slices of 2.5 mm.
/// </summary>
public sealed record AbdomenPhantomOptions
{
    /// <summary>Age of the child in years (0–18); body size and organ positions scale with it.</summary>
    public double AgeYears { get; init; } = 6;

    /// <summary>Seed of the image noise; the anatomy does not depend on it.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Standard deviation of the additive Gaussian noise, HU (0 for a noise-free image).</summary>
    public double NoiseSigmaHu { get; init; } = 12;

    /// <summary>Pixels per row (the first index axis, patient right to left).</summary>
    public int Columns { get; init; } = 256;

    /// <summary>Rows per slice (the second index axis, anterior to posterior).</summary>
    public int Rows { get; init; } = 256;

    /// <summary>
    /// In-plane pixel spacing, mm; <see langword="null"/> chooses one so that the body's width
    /// fills about 83 % of the field of view (1.0 mm for the default 6-year-old at 256 pixels).
    /// </summary>
    public double? PixelSpacingMm { get; init; }

    /// <summary>Distance between slice centres, mm.</summary>
    public double SliceThicknessMm { get; init; } = 2.5;

    /// <summary>Number of axial slices, inferior to superior (72 × 2.5 mm = 18 cm, lower thorax to the kidneys' lower poles at age 6).</summary>
    public int SliceCount { get; init; } = 72;

    /// <summary>Diameter of the spherical liver lesion, mm.</summary>
    public double LesionDiameterMm { get; init; } = 24;
}
