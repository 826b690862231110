using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Planning;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>
/// Body of <c>PUT /api/referrals/{id}/procedure</c>. A null field leaves the stored value as it is; a list that is
/// sent replaces the stored list. <c>version</c> is required once the record exists.
/// </summary>
public sealed record ProcedureRecordRequest(
    TimeOutChecklist? TimeOut = null,
    IReadOnlyList<ProcedureOperator>? Operators = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null,
    GuidanceModality? Guidance = null,
    double? WeightKg = null,
    IReadOnlyList<DeviceUse>? Devices = null,
    string? ContrastAgent = null,
    double? ContrastMl = null,
    IReadOnlyList<SedationDose>? SedationDoses = null,
    SedationLevel? SedationGiven = null,
    double? FluoroscopyTimeSeconds = null,
    double? DoseAreaProductGyCm2 = null,
    double? ReferenceAirKermaMGy = null,
    double? CtDoseLengthProductMGyCm = null,
    int? CtAcquisitions = null,
    string? Findings = null,
    string? Specimens = null,
    TechnicalOutcome? Outcome = null,
    Guid? PlanId = null,
    int? Version = null);
