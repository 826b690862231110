using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Procedures;

/// <summary>Whether the procedure achieved what it set out to do.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TechnicalOutcome>))]
public enum TechnicalOutcome
{
    /// <summary>Technically successful.</summary>
    Success,

    /// <summary>Partly successful.</summary>
    PartialSuccess,

    /// <summary>Not achieved.</summary>
    Failure,
}
