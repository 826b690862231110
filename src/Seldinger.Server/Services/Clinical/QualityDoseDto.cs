namespace Seldinger.Server.Services.Clinical;

/// <summary>Dose-area product of one procedure.</summary>
/// <param name="ProcedureId">Catalogue id.</param>
/// <param name="N">Procedures with a recorded DAP.</param>
/// <param name="MedianGyCm2">Median, Gy·cm².</param>
/// <param name="P75GyCm2">75th percentile, Gy·cm².</param>
public sealed record QualityDoseDto(string ProcedureId, int N, double? MedianGyCm2, double? P75GyCm2);
