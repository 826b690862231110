namespace Seldinger.Server.Contracts;

/// <summary>Body of <c>POST /api/cases/{caseId}/ablation-plans</c>; every field but the procedure is optional.</summary>
/// <param name="ProcedureId">An ablation procedure of the catalogue (<c>rf-ablation</c>, <c>mw-ablation</c>, <c>cryoablation</c>, <c>osteoid-osteoma-rfa</c>).</param>
/// <param name="DeviceId">Device id; null takes the library's default device for the procedure.</param>
/// <param name="SettingId">Setting id; null lets the planner choose.</param>
/// <param name="ProbeCount">Number of probes (1 to 8); null lets the planner choose the fewest that cover.</param>
/// <param name="MaxProbes">Most probes the planner may use when it chooses (1 to 8).</param>
/// <param name="Model"><c>table</c> (default) or <c>bioheat</c>.</param>
/// <param name="MarginMm">Margin to cover around the tumor (mm); null takes the catalogue's.</param>
/// <param name="ManualProbes">The operator's own probes, evaluated as given (no search).</param>
public sealed record AblationPlanRequest(
    string? ProcedureId,
    string? DeviceId = null,
    string? SettingId = null,
    int? ProbeCount = null,
    int? MaxProbes = null,
    string? Model = null,
    double? MarginMm = null,
    IReadOnlyList<AblationProbeInput>? ManualProbes = null);
