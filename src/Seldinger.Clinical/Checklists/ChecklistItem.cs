namespace Seldinger.Clinical.Checklists;

/// <summary>One line of a checklist or of the discharge criteria.</summary>
/// <param name="RuleId">Stable identifier of the rule, e.g. "labs", "fasting", "consent.procedure".</param>
/// <param name="Title">Short title, e.g. "Blood tests".</param>
/// <param name="Status">State of the item.</param>
/// <param name="Message">What it means in plain words a nurse or parent understands, with the numbers.</param>
/// <param name="Source">The guideline the rule comes from, as the rules file cites it.</param>
public sealed record ChecklistItem(string RuleId, string Title, ChecklistItemStatus Status, string Message, string Source)
{
    /// <summary>Whether the item stops the procedure (or the discharge) until it changes.</summary>
    public bool Blocks => Status is ChecklistItemStatus.Failed or ChecklistItemStatus.Pending;
}
