namespace Seldinger.Server.Contracts;

/// <summary>The planning → post-ablation CT registration of a confirmation.</summary>
/// <param name="Metric">The similarity maximised (<c>MattesMutualInformation</c> or <c>NormalizedCrossCorrelation</c>).</param>
/// <param name="Value">Its value at the finest level.</param>
/// <param name="Iterations">Optimiser iterations over every pyramid level.</param>
/// <param name="ResidualMm">The optimiser's resolution: the largest move of the region's corners by one final step (mm).</param>
/// <param name="Transform4x4">Planning → post CT, row-major 4×4 (LPS mm).</param>
public sealed record AblationRegistrationDto(string Metric, double Value, int Iterations, double ResidualMm, IReadOnlyList<double> Transform4x4);
