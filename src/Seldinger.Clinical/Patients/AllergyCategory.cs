using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Patients;

/// <summary>What a child is allergic to, in the groups that change IR care.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AllergyCategory>))]
public enum AllergyCategory
{
    /// <summary>Iodinated or gadolinium contrast media.</summary>
    Contrast,

    /// <summary>Natural rubber latex.</summary>
    Latex,

    /// <summary>A drug (antibiotic, sedative, analgesic…).</summary>
    Drug,

    /// <summary>A food.</summary>
    Food,

    /// <summary>Anything else (adhesive, chlorhexidine…).</summary>
    Other,
}
