using Seldinger.Clinical.Patients;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/patients</c> and <c>PUT /api/patients/{id}</c>: demographics; <c>version</c> is required on update.</summary>
public sealed record PatientRequest(
    string? MedicalRecordNumber,
    string? FamilyName,
    string? GivenName,
    DateOnly? BirthDate,
    AdministrativeSex? Sex,
    FamilyLanguage? PreferredLanguage,
    string? Notes = null,
    int? Version = null);
