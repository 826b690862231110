using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Procedures;

namespace Seldinger.Server.Contracts.Clinical;

/// <summary>
/// The procedure record with what is computed from it: contrast mL/kg, each sedation dose in mg/kg and the
/// sedation-dose warnings of the drug limits; a signed record (<c>isSigned</c>) is read-only.
/// </summary>
public sealed record ProcedureRecordDto(
    ProcedureRecord Record,
    double? ContrastMlPerKg,
    IReadOnlyList<SedationDoseDto> SedationDoses,
    IReadOnlyList<ChecklistItem> DoseWarnings,
    bool IsSigned);
