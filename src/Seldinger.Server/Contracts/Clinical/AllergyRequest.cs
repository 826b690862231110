using Seldinger.Clinical.Patients;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/patients/{id}/allergies</c>.</summary>
public sealed record AllergyRequest(
    AllergyCategory? Category,
    string? Substance,
    string? Reaction = null,
    AllergySeverity? Severity = null);
