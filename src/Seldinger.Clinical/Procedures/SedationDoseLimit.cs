namespace Seldinger.Clinical.Procedures;

/// <summary>The dose limits of one sedative, analgesic or local anaesthetic by one or more routes, per kg and absolute.</summary>
/// <param name="Id">Stable identifier of the entry, e.g. "midazolam-iv".</param>
/// <param name="Drug">Generic name, lower case, as <see cref="SedationDose.Drug"/> records it.</param>
/// <param name="Display">Display name, e.g. "midazolam IV".</param>
/// <param name="Routes">Routes the limits apply to, lower case (e.g. "iv", "intranasal").</param>
/// <param name="MaxSingleDoseMgPerKg">The largest single dose, mg/kg.</param>
/// <param name="MaxTotalMgPerKg">The largest total over the procedure, mg/kg.</param>
/// <param name="AbsoluteMaxMg">The largest total whatever the weight, mg (also caps a single dose).</param>
/// <param name="Source">The citation of the values.</param>
/// <param name="Verify">Whether a clinician must confirm the values.</param>
/// <param name="Note">Context the values apply to.</param>
public sealed record SedationDoseLimit(
    string Id,
    string Drug,
    string Display,
    IReadOnlyList<string> Routes,
    double MaxSingleDoseMgPerKg,
    double MaxTotalMgPerKg,
    double AbsoluteMaxMg,
    string Source,
    bool Verify,
    string Note);
