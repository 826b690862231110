using Seldinger.Clinical.Preparation;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/referrals/{id}/intakes</c>: the last intake of one kind.</summary>
public sealed record IntakeRequest(
    IntakeKind? Kind,
    DateTimeOffset? At);
