namespace Seldinger.Clinical.Procedures;

/// <summary>One dose of a sedative or analgesic.</summary>
public sealed class SedationDose
{
    /// <summary>Generic drug name, e.g. "midazolam".</summary>
    public required string Drug { get; set; }

    /// <summary>Dose, mg (µg drugs are entered in mg, e.g. fentanyl 0.02 mg).</summary>
    public double DoseMg { get; set; }

    /// <summary>Route, e.g. "IV", "intranasal", "oral".</summary>
    public string Route { get; set; } = "IV";

    /// <summary>When given.</summary>
    public DateTimeOffset At { get; set; }
}
