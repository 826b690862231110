using Seldinger.Clinical.Preparation;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/referrals/{id}/consents</c>.</summary>
public sealed record ConsentRequest(
    ConsentKind? Kind,
    string? GivenBy,
    string? Relationship = null,
    bool Granted = true,
    DateTimeOffset? At = null,
    string? Interpreter = null);
