using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Recovery;

/// <summary>Kinds of follow-up task after a procedure.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<FollowUpKind>))]
public enum FollowUpKind
{
    /// <summary>Check a drain (output, position, removal).</summary>
    DrainCheck,

    /// <summary>Line or port care, dressing change, flush.</summary>
    LineCare,

    /// <summary>A clinic visit.</summary>
    ClinicVisit,

    /// <summary>Follow-up imaging.</summary>
    Imaging,

    /// <summary>Call the family with a result (pathology, culture).</summary>
    ResultCall,

    /// <summary>Anything else.</summary>
    Other,
}
