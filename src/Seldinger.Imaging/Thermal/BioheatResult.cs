namespace Seldinger.Imaging.Thermal;

/// <summary>The outcome of a bioheat run, every volume on the problem's grid.</summary>
/// <param name="FinalTemperature">Temperature at the end of the schedule (°C).</param>
/// <param name="PeakTemperature">Hottest temperature reached (°C): exact where it reached the damage threshold, else the larger of the start and end temperature.</param>
/// <param name="ColdestTemperature">Coldest temperature reached (°C): exact where it fell to the cold tracking threshold, else the smaller of the start and end temperature.</param>
/// <param name="Damage">Arrhenius damage integral Ω (dimensionless); the fraction of dead cells is 1 − exp(−Ω).</param>
/// <param name="Cem43">Cumulative equivalent minutes at 43 °C (Sapareto–Dewey).</param>
/// <param name="Steps">Time steps taken.</param>
/// <param name="TimeStepSeconds">The largest time step used (s); a phase whose length is not a multiple uses a slightly shorter one.</param>
/// <param name="SimulatedSeconds">Simulated time (s), the schedule's total.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record BioheatResult(
    Volume<float> FinalTemperature,
    Volume<float> PeakTemperature,
    Volume<float> ColdestTemperature,
    Volume<float> Damage,
    Volume<float> Cem43,
    int Steps,
    double TimeStepSeconds,
    double SimulatedSeconds,
    TimeSpan Elapsed);
