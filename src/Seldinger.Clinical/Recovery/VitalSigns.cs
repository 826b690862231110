namespace Seldinger.Clinical.Recovery;

/// <summary>One set of vital signs, before sedation (the baseline) or during recovery.</summary>
public sealed class VitalSigns
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The referral (episode).</summary>
    public Guid ReferralId { get; set; }

    /// <summary>When measured.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Whether this is the pre-sedation baseline that recovery is compared with.</summary>
    public bool IsBaseline { get; set; }

    /// <summary>Heart rate, beats/min.</summary>
    public int? HeartRate { get; set; }

    /// <summary>Respiratory rate, breaths/min.</summary>
    public int? RespiratoryRate { get; set; }

    /// <summary>Systolic blood pressure, mmHg.</summary>
    public int? SystolicBp { get; set; }

    /// <summary>Diastolic blood pressure, mmHg.</summary>
    public int? DiastolicBp { get; set; }

    /// <summary>Oxygen saturation, %.</summary>
    public int? SpO2 { get; set; }

    /// <summary>Whether the child breathes room air (no supplemental oxygen) at this measurement.</summary>
    public bool OnRoomAir { get; set; } = true;

    /// <summary>Temperature, °C.</summary>
    public double? TemperatureC { get; set; }

    /// <summary>Pain score 0–10 (FLACC, Wong-Baker or numeric, by age).</summary>
    public int? PainScore { get; set; }

    /// <summary>Level of consciousness.</summary>
    public ConsciousnessLevel? Consciousness { get; set; }

    /// <summary>Whether the child can sit or walk as before (age-appropriate).</summary>
    public bool? MotorAtBaseline { get; set; }

    /// <summary>Whether the child tolerates oral fluids (when required for discharge).</summary>
    public bool? ToleratingFluids { get; set; }

    /// <summary>Whether nausea or vomiting is present.</summary>
    public bool? Nausea { get; set; }

    /// <summary>Whether the puncture site is dry (no bleeding, no growing haematoma).</summary>
    public bool? SiteDry { get; set; }

    /// <summary>User name of who recorded it.</summary>
    public string RecordedBy { get; set; } = "";
}
