namespace Seldinger.Server.Contracts.Clinical;

/// <summary>A sedation dose as given, with mg/kg at the procedure weight (null without a weight).</summary>
public sealed record SedationDoseDto(string Drug, double DoseMg, double? MgPerKg, string Route, DateTimeOffset At);
