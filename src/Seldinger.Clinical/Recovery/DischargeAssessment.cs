using Seldinger.Clinical.Checklists;

namespace Seldinger.Clinical.Recovery;

/// <summary>Whether a child meets the discharge criteria after a procedure, item by item.</summary>
/// <param name="Met">True only when no item is <see cref="ChecklistItemStatus.Failed"/> or <see cref="ChecklistItemStatus.Pending"/>.</param>
/// <param name="Items">Every criterion's item.</param>
/// <param name="EarliestDischargeAt">The end of the minimum observation time, when the procedure end is known.</param>
public sealed record DischargeAssessment(bool Met, IReadOnlyList<ChecklistItem> Items, DateTimeOffset? EarliestDischargeAt)
{
    /// <summary>The modified Aldrete score (0–10) of the latest recovery vital signs, when they allow it; see <see cref="DischargeCriteria"/>.</summary>
    public int? AldreteScore { get; init; }

    /// <summary>Whether an admission is suggested instead of same-day discharge (an open adverse event of SIR moderate or worse).</summary>
    public bool AdmissionSuggested { get; init; }
}
