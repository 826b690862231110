namespace Seldinger.Imaging.Registration;

/// <summary>What one pyramid level of a registration did.</summary>
/// <param name="SpacingMm">The level's sample spacing (mm).</param>
/// <param name="Samples">Fixed-image samples used.</param>
/// <param name="Iterations">Optimiser iterations (gradient evaluations and step trials).</param>
/// <param name="StartMetric">Similarity at the start of the level.</param>
/// <param name="FinalMetric">Similarity at the end of the level.</param>
public sealed record RigidRegistrationLevel(double SpacingMm, int Samples, int Iterations, double StartMetric, double FinalMetric);
