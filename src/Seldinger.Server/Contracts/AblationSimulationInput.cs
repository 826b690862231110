namespace Seldinger.Server.Contracts;

/// <summary>How to synthesise a post-ablation CT: the patient moved by a rotation and a translation, with noise from a seed.</summary>
/// <param name="RotationDeg">Rotation about x, y and z (degrees).</param>
/// <param name="TranslationMm">Translation (mm, LPS).</param>
/// <param name="Seed">Noise seed.</param>
public sealed record AblationSimulationInput(PointInput? RotationDeg, PointInput? TranslationMm, int? Seed);
