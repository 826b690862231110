using Seldinger.Clinical.Preparation;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/patients/{id}/labs</c>: one result in the unit the test is reported in (INR ratio, platelets 10^9/L).</summary>
public sealed record LabResultRequest(
    LabTest? Test,
    double? Value,
    DateTimeOffset? CollectedAt);
