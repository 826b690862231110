namespace Seldinger.Clinical.Procedures;

/// <summary>The dose limits of one sedative, analgesic or local anaesthetic, per kg and absolute.</summary>
/// <param name="Drug">Generic name, lower case, as <see cref="SedationDose.Drug"/> records it.</param>
/// <param name="Display">Display name.</param>
/// <param name="MaxSingleDoseMgPerKg">The largest single dose, mg/kg.</param>
/// <param name="MaxTotalMgPerKg">The largest total over the procedure, mg/kg.</param>
/// <param name="AbsoluteMaxMg">The largest total whatever the weight, mg.</param>
/// <param name="Source">The citation of the values.</param>
/// <param name="Verify">Whether a clinician must confirm the values.</param>
/// <param name="Note">Route or context the values apply to.</param>
public sealed record SedationDoseLimit(
    string Drug,
    string Display,
    double MaxSingleDoseMgPerKg,
    double MaxTotalMgPerKg,
    double AbsoluteMaxMg,
    string Source,
    bool Verify,
    string Note);
