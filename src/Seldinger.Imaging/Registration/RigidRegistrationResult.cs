namespace Seldinger.Imaging.Registration;

/// <summary>The outcome of a rigid registration.</summary>
/// <param name="Transform">Fixed → moving: the moving image's point for each fixed-image point.</param>
/// <param name="Metric">The similarity that was maximised.</param>
/// <param name="FinalMetric">Its value at the finest level (mutual information in nats, or the correlation).</param>
/// <param name="Levels">Each pyramid level, coarse to fine.</param>
/// <param name="ResidualIntensityRms">RMS of fixed minus resampled moving intensity over the finest level's samples (image units, e.g. HU).</param>
/// <param name="OverlapFraction">Fraction of the finest level's samples that fall inside the moving image.</param>
/// <param name="ConvergenceDisplacementMm">
/// Largest displacement of a corner of the region of interest's bounding box caused by one final optimiser step in
/// any single parameter: moves of this size no longer improved the similarity, so it bounds the optimiser's
/// resolution (not the anatomy's true misalignment, which the images alone cannot give).
/// </param>
public sealed record RigidRegistrationResult(
    RigidTransform Transform,
    RegistrationMetric Metric,
    double FinalMetric,
    IReadOnlyList<RigidRegistrationLevel> Levels,
    double ResidualIntensityRms,
    double OverlapFraction,
    double ConvergenceDisplacementMm);
