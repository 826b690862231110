using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Patients;

/// <summary>How severe the recorded reaction was.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AllergySeverity>))]
public enum AllergySeverity
{
    /// <summary>Mild (rash, itching).</summary>
    Mild,

    /// <summary>Moderate (urticaria, bronchospasm that responded to treatment).</summary>
    Moderate,

    /// <summary>Severe or anaphylaxis.</summary>
    Severe,
}
