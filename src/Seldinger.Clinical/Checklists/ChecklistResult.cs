namespace Seldinger.Clinical.Checklists;

/// <summary>The pre-procedure checklist of one episode at one moment.</summary>
/// <param name="Ready">True only when no item is <see cref="ChecklistItemStatus.Failed"/> or <see cref="ChecklistItemStatus.Pending"/>.</param>
/// <param name="Items">Every rule's item, in the order of the rules file.</param>
/// <param name="EvaluatedAt">When it was evaluated.</param>
public sealed record ChecklistResult(bool Ready, IReadOnlyList<ChecklistItem> Items, DateTimeOffset EvaluatedAt)
{
    /// <summary>The result of <paramref name="items"/>: ready when none blocks.</summary>
    public static ChecklistResult Of(IReadOnlyList<ChecklistItem> items, DateTimeOffset evaluatedAt)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new ChecklistResult(!items.Any(i => i.Blocks), items, evaluatedAt);
    }
}
