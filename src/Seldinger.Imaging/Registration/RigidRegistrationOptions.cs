using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Registration;

/// <summary>Settings of <see cref="RigidRegistration.Register"/>.</summary>
public sealed record RigidRegistrationOptions
{
    /// <summary>The similarity to maximise.</summary>
    public RegistrationMetric Metric { get; init; } = RegistrationMetric.MattesMutualInformation;

    /// <summary>Sample spacing (mm) of each pyramid level, coarse to fine; each level starts from the previous one's transform.</summary>
    public IReadOnlyList<double> LevelSpacingsMm { get; init; } = [4, 2, 1];

    /// <summary>Most fixed-image voxels sampled per level (chosen at random with <see cref="Seed"/> when there are more).</summary>
    public int SamplesPerLevel { get; init; } = 20_000;

    /// <summary>Most optimiser iterations per level.</summary>
    public int MaxIterationsPerLevel { get; init; } = 100;

    /// <summary>Joint histogram bins for mutual information.</summary>
    public int HistogramBins { get; init; } = 32;

    /// <summary>Seed of the sample choice: the same inputs and seed give the same result.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Region of interest on the fixed image's grid (non-zero voxels are sampled); null samples the whole fixed image.</summary>
    public Volume<byte>? FixedMask { get; init; }

    /// <summary>Centre of the rotations; null uses the centre of the region of interest (or of the fixed image).</summary>
    public WorldPoint? RotationCentre { get; init; }

    /// <summary>Starting transform (fixed → moving).</summary>
    public RigidTransform InitialTransform { get; init; } = RigidTransform.Identity;

    /// <summary>
    /// Before the coarsest level, translations up to this far (mm, each axis, in steps of the coarsest spacing or a fifth
    /// of the reach) are tried on a subset of the samples and the best starts the descent; 0 skips the search.
    /// </summary>
    public double TranslationSearchMm { get; init; } = 20;

    /// <summary>The optimiser stops a level when its step falls below this fraction of the level's spacing.</summary>
    public double MinimumStepFraction { get; init; } = 0.02;
}
