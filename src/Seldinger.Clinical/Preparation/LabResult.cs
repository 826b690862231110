namespace Seldinger.Clinical.Preparation;

/// <summary>A laboratory result, in the units the rules use (see <see cref="LabTest"/>).</summary>
public sealed class LabResult
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The patient.</summary>
    public Guid PatientId { get; set; }

    /// <summary>Test.</summary>
    public LabTest Test { get; set; }

    /// <summary>Value in the test's unit.</summary>
    public double Value { get; set; }

    /// <summary>When the sample was taken.</summary>
    public DateTimeOffset CollectedAt { get; set; }

    /// <summary>User name of who entered it (or "interface").</summary>
    public string RecordedBy { get; set; } = "";
}
