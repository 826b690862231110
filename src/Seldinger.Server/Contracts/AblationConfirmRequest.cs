namespace Seldinger.Server.Contracts;

/// <summary>Body of <c>POST /api/plans/{planId}/ablation/confirm</c>: an imported post-ablation CT, or a simulated one.</summary>
/// <param name="PostSeriesUid">Series instance UID of an imported post-ablation CT.</param>
/// <param name="Simulate">Synthesise the post-ablation CT from the plan's zone instead (demonstration and tests).</param>
public sealed record AblationConfirmRequest(string? PostSeriesUid, AblationSimulationInput? Simulate);
