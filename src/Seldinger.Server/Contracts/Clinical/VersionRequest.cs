namespace Seldinger.Server.Contracts.Clinical;

/// <summary>A body that carries only the version an action was based on (cancel, sign).</summary>
public sealed record VersionRequest(
    int? Version,
    string? Note = null);
