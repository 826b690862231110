using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Patients;

/// <summary>The language a family reads instructions in.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<FamilyLanguage>))]
public enum FamilyLanguage
{
    /// <summary>English.</summary>
    English,

    /// <summary>Spanish.</summary>
    Spanish,
}
