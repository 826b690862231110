using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Recovery;

/// <summary>Where the child goes after recovery.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<DischargeDisposition>))]
public enum DischargeDisposition
{
    /// <summary>Home the same day.</summary>
    SameDayHome,

    /// <summary>Admitted to a ward or unit, with a reason.</summary>
    Admitted,
}
