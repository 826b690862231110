using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Preparation;

/// <summary>ASA physical status classification (the E suffix is a separate flag).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AsaClass>))]
public enum AsaClass
{
    /// <summary>A normal healthy patient.</summary>
    Asa1,

    /// <summary>Mild systemic disease.</summary>
    Asa2,

    /// <summary>Severe systemic disease.</summary>
    Asa3,

    /// <summary>Severe systemic disease that is a constant threat to life.</summary>
    Asa4,

    /// <summary>A moribund patient not expected to survive without the operation.</summary>
    Asa5,

    /// <summary>A declared brain-dead patient whose organs are being removed for donation.</summary>
    Asa6,
}
