using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Preparation;

/// <summary>State of pregnancy screening before a procedure with radiation or sedation.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<PregnancyScreen>))]
public enum PregnancyScreen
{
    /// <summary>Not required (age, sex, menarche not reached).</summary>
    NotRequired,

    /// <summary>Required, not yet done.</summary>
    Pending,

    /// <summary>Test negative.</summary>
    Negative,

    /// <summary>Test positive.</summary>
    Positive,

    /// <summary>Declined by the patient or guardian; the physician decides.</summary>
    Declined,
}
