namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/anaesthesia-sessions</c>: when an anaesthesia team is available.</summary>
public sealed record AnaesthesiaSessionRequest(
    DateTimeOffset? Start,
    DateTimeOffset? End,
    int Teams = 1,
    string? Note = null);
