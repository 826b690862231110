using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Checklists;

/// <summary>State of one checklist item; Failed and Pending block the procedure.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ChecklistItemStatus>))]
public enum ChecklistItemStatus
{
    /// <summary>The rule is met.</summary>
    Passed,

    /// <summary>The rule is broken (a value out of range, a refusal, food too late): it blocks until corrected.</summary>
    Failed,

    /// <summary>Information the rule needs is missing: it blocks until recorded.</summary>
    Pending,

    /// <summary>Something a person should look at; it does not block.</summary>
    Warning,

    /// <summary>The rule does not apply to this child or procedure.</summary>
    NotApplicable,
}
