using Seldinger.Planning;

namespace Seldinger.Clinical.Procedures;

/// <summary>
/// What happened in the room: time-out, operators, times, devices, contrast, sedation, radiation
/// dose, findings and outcome. One per referral; signed when complete.
/// </summary>
public sealed class ProcedureRecord : IVersionedRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The referral (episode).</summary>
    public Guid ReferralId { get; set; }

    /// <summary>The appointment, when it was booked.</summary>
    public Guid? AppointmentId { get; set; }

    /// <summary>Catalogue procedure actually done.</summary>
    public required string ProcedureId { get; set; }

    /// <summary>The time-out done before starting.</summary>
    public TimeOutChecklist TimeOut { get; set; } = new();

    /// <summary>Operators and assistants.</summary>
    public List<ProcedureOperator> Operators { get; set; } = [];

    /// <summary>When the procedure started (skin puncture or first access).</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Guidance modality used.</summary>
    public GuidanceModality? Guidance { get; set; }

    /// <summary>Weight used for doses in this record, kg (copied from the day's measurement).</summary>
    public double? WeightKg { get; set; }

    /// <summary>Devices used, with lot and UDI.</summary>
    public List<DeviceUse> Devices { get; set; } = [];

    /// <summary>Contrast agent, e.g. "iohexol 300 mgI/mL".</summary>
    public string ContrastAgent { get; set; } = "";

    /// <summary>Contrast volume, mL.</summary>
    public double? ContrastMl { get; set; }

    /// <summary>Sedation and analgesia given.</summary>
    public List<SedationDose> SedationDoses { get; set; } = [];

    /// <summary>Sedation actually reached.</summary>
    public Preparation.SedationLevel? SedationGiven { get; set; }

    /// <summary>Total fluoroscopy time, seconds.</summary>
    public double? FluoroscopyTimeSeconds { get; set; }

    /// <summary>Total kerma-area product (dose-area product), Gy·cm².</summary>
    public double? DoseAreaProductGyCm2 { get; set; }

    /// <summary>Reference-point air kerma (Ka,r), mGy.</summary>
    public double? ReferenceAirKermaMGy { get; set; }

    /// <summary>CT dose-length product, mGy·cm.</summary>
    public double? CtDoseLengthProductMGyCm { get; set; }

    /// <summary>Number of CT acquisitions (e.g. CT-fluoro or check scans).</summary>
    public int? CtAcquisitions { get; set; }

    /// <summary>Findings, free text.</summary>
    public string Findings { get; set; } = "";

    /// <summary>Samples taken (e.g. "3 cores, 18 G").</summary>
    public string Specimens { get; set; } = "";

    /// <summary>Technical outcome.</summary>
    public TechnicalOutcome? Outcome { get; set; }

    /// <summary>The stored plan used, when one was.</summary>
    public Guid? PlanId { get; set; }

    /// <summary>User name of the physician who signed the record; null while it is a draft.</summary>
    public string? SignedBy { get; set; }

    /// <summary>When it was signed.</summary>
    public DateTimeOffset? SignedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; } = 1;

    /// <summary>Contrast per kg, mL/kg, when volume and weight are known.</summary>
    public double? ContrastMlPerKg => ContrastMl is { } ml && WeightKg is > 0 and var kg ? ml / kg : null;
}
