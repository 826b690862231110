using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Preparation;

/// <summary>What a consent record covers.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ConsentKind>))]
public enum ConsentKind
{
    /// <summary>Consent to the procedure by a guardian (or a patient of age).</summary>
    Procedure,

    /// <summary>Consent to sedation or anaesthesia.</summary>
    Sedation,

    /// <summary>The child's own agreement, sought from about 7 years of age.</summary>
    Assent,

    /// <summary>Consent to transfusion of blood products.</summary>
    Blood,
}
