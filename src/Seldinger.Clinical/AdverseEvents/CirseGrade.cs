using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.AdverseEvents;

/// <summary>Adverse-event grade of the CIRSE 2017 classification (Filippiadis et al., CVIR 2017;40:1141–1146).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<CirseGrade>))]
public enum CirseGrade
{
    /// <summary>Grade 1: during the procedure, solved in the same session; no further therapy or prolonged stay.</summary>
    Grade1,

    /// <summary>Grade 2: overnight admission for observation.</summary>
    Grade2,

    /// <summary>Grade 3: additional therapy or prolonged hospital stay (> 48 h) needed.</summary>
    Grade3,

    /// <summary>Grade 4: permanent mild sequelae.</summary>
    Grade4,

    /// <summary>Grade 5: permanent severe sequelae.</summary>
    Grade5,

    /// <summary>Grade 6: death.</summary>
    Grade6,
}
