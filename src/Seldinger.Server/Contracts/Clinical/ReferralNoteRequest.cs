namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/referrals/{id}/information</c> and <c>/cancel</c>: a note (the answer or the reason) and the version it was based on.</summary>
public sealed record ReferralNoteRequest(
    string? Note,
    int? Version);
