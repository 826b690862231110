using Seldinger.Clinical.Patients;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>One row of a patient search.</summary>
public sealed record PatientSummaryDto(
    Guid Id,
    string MedicalRecordNumber,
    string DisplayName,
    DateOnly BirthDate,
    AdministrativeSex Sex,
    int Version);
