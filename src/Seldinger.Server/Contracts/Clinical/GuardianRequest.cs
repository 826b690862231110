using Seldinger.Clinical.Patients;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/patients/{id}/guardians</c>.</summary>
public sealed record GuardianRequest(
    string? Name,
    string? Relationship,
    string? Phone = null,
    FamilyLanguage? Language = null,
    bool HasLegalAuthority = true);
