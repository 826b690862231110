using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.AdverseEvents;

/// <summary>Adverse-event severity of the SIR 2017 classification (Khalilzadeh et al., JVIR 2017;28:1432–1437).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<SirSeverity>))]
public enum SirSeverity
{
    /// <summary>Mild: no or nominal therapy, or a short observation.</summary>
    Mild,

    /// <summary>Moderate: moderate escalation of care, e.g. an overnight admission or intravenous drugs.</summary>
    Moderate,

    /// <summary>Severe: marked escalation of care, e.g. prolonged admission, ICU, transfusion or an intervention.</summary>
    Severe,

    /// <summary>Life-threatening or disabling event.</summary>
    LifeThreatening,

    /// <summary>Death.</summary>
    Death,
}
