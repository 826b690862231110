using Seldinger.Clinical.Preparation;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>PUT /api/referrals/{id}/assessment</c>; <c>version</c> is that of the stored assessment (omit for the first).</summary>
public sealed record AssessmentRequest(
    AsaClass? Asa,
    bool AsaEmergency = false,
    SedationLevel? PlannedSedation = null,
    bool ChildLifeSupport = false,
    string? AirwayNotes = null,
    PregnancyScreen? PregnancyScreen = null,
    bool? PostMenarche = null,
    DateTimeOffset? InstructionsSentAt = null,
    string? AllergyPremedication = null,
    int? Version = null);
