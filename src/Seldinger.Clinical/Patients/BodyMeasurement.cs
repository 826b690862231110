namespace Seldinger.Clinical.Patients;

/// <summary>A weight (and optionally height) measurement; every dose per kg uses the latest one.</summary>
public sealed class BodyMeasurement
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The patient.</summary>
    public Guid PatientId { get; set; }

    /// <summary>When it was measured.</summary>
    public DateTimeOffset MeasuredAt { get; set; }

    /// <summary>Body weight, kg.</summary>
    public double WeightKg { get; set; }

    /// <summary>Height or length, cm, when measured.</summary>
    public double? HeightCm { get; set; }

    /// <summary>User name of who recorded it.</summary>
    public string RecordedBy { get; set; } = "";
}
