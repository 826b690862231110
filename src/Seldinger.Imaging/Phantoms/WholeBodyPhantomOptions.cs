using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Phantoms;

/// <summary>Settings of <see cref="WholeBodyPhantom.Generate(WholeBodyPhantomOptions)"/>.</summary>
public sealed record WholeBodyPhantomOptions
{
    /// <summary>The case name, one of <see cref="PhantomCatalogue.Cases"/>.</summary>
    public required string Case { get; init; }

    /// <summary>Age in years, 0–15; the tables are at 0, 1, 5, 10 and 15 and interpolated in between.</summary>
    public double AgeYears { get; init; } = 5;

    /// <summary>Contrast phase; <see langword="null"/> takes the case's default.</summary>
    public ContrastPhase? Phase { get; init; }

    /// <summary>CTDIvol in mGy that sets the noise through <see cref="CtNoiseModel"/>; <see langword="null"/> takes the default for the age.</summary>
    public double? DoseMgy { get; init; }

    /// <summary>Noise standard deviation in HU; when set it overrides the dose model (0 gives a noise-free image).</summary>
    public double? NoiseSigmaHu { get; init; }

    /// <summary>Seed of the noise; the anatomy does not depend on it.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Columns and rows of each axial slice.</summary>
    public int Size { get; init; } = 256;

    /// <summary>Number of slices over the case's region; <see langword="null"/> chooses a slice spacing of twice the pixel spacing.</summary>
    public int? SliceCount { get; init; }

    /// <summary>
    /// An explicit grid (axial, identity direction) instead of the case's field of view, e.g. a fine
    /// patch around one structure; <see cref="Size"/> and <see cref="SliceCount"/> are then ignored.
    /// </summary>
    public VolumeGeometry? Geometry { get; init; }
}
