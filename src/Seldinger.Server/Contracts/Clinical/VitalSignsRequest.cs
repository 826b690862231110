using Seldinger.Clinical.Recovery;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>Body of <c>POST /api/referrals/{id}/vitals</c>: one set of observations.</summary>
public sealed record VitalSignsRequest(
    DateTimeOffset? At,
    bool IsBaseline = false,
    int? HeartRate = null,
    int? RespiratoryRate = null,
    int? SystolicBp = null,
    int? DiastolicBp = null,
    int? SpO2 = null,
    bool OnRoomAir = true,
    double? TemperatureC = null,
    int? PainScore = null,
    ConsciousnessLevel? Consciousness = null,
    bool? MotorAtBaseline = null,
    bool? ToleratingFluids = null,
    bool? Nausea = null,
    bool? SiteDry = null);
