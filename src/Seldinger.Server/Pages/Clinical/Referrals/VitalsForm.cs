using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Scheduling;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Pages.Clinical.Internal;

namespace Seldinger.Server.Pages.Clinical.Referrals;

/// <summary>One set of vital signs as the recovery form posts it.</summary>
public sealed class VitalsForm
{
    /// <summary>When they were taken, on the site's clock; empty means now.</summary>
    public string? At { get; set; }

    /// <summary>Whether this is the pre-procedure baseline.</summary>
    public bool IsBaseline { get; set; }

    /// <summary>Heart rate (/min).</summary>
    public int? HeartRate { get; set; }

    /// <summary>Respiratory rate (/min).</summary>
    public int? RespiratoryRate { get; set; }

    /// <summary>Systolic pressure (mmHg).</summary>
    public int? SystolicBp { get; set; }

    /// <summary>Diastolic pressure (mmHg).</summary>
    public int? DiastolicBp { get; set; }

    /// <summary>SpO2 (%).</summary>
    public int? SpO2 { get; set; }

    /// <summary>Whether on room air (no oxygen).</summary>
    public bool OnRoomAir { get; set; }

    /// <summary>Temperature (°C).</summary>
    public double? TemperatureC { get; set; }

    /// <summary>Pain score (0–10).</summary>
    public int? PainScore { get; set; }

    /// <summary>Level of consciousness.</summary>
    public ConsciousnessLevel? Consciousness { get; set; }

    /// <summary>Motor function back to baseline.</summary>
    public bool? MotorAtBaseline { get; set; }

    /// <summary>Tolerating oral fluids.</summary>
    public bool? ToleratingFluids { get; set; }

    /// <summary>Nausea or vomiting.</summary>
    public bool? Nausea { get; set; }

    /// <summary>Puncture site dry.</summary>
    public bool? SiteDry { get; set; }

    /// <summary>The request for the recovery service, the time read on <paramref name="site"/>'s clock (<paramref name="now"/> when empty).</summary>
    /// <exception cref="Seldinger.Clinical.ClinicalValidationException">A time the site's clocks skip.</exception>
    public VitalSignsRequest ToRequest(SiteTime site, DateTimeOffset now) => new(
        ClinicalPageActions.Time(At, site, "at") ?? now, IsBaseline, HeartRate, RespiratoryRate, SystolicBp, DiastolicBp, SpO2, OnRoomAir,
        TemperatureC, PainScore, Consciousness, MotorAtBaseline, ToleratingFluids, Nausea, SiteDry);
}
