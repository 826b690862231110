namespace Seldinger.Planning.Malformations;

/// <summary>The most of one sclerosant a session may use for a body weight: min(per-kg dose × weight, cap per session).</summary>
/// <param name="Agent">The agent in plain words, e.g. <c>bleomycin</c>, <c>sodium tetradecyl sulfate</c>.</param>
/// <param name="PerKg">Dose per kg of body weight (catalogue).</param>
/// <param name="PerKgUnit">Its unit, <c>mg/kg</c> or <c>mL/kg</c>.</param>
/// <param name="MaxPerSession">Absolute cap per session (catalogue).</param>
/// <param name="Unit">Unit of the cap and of the limit, <c>mg</c> or <c>mL</c>.</param>
/// <param name="WeightKg">The body weight used, kg.</param>
/// <param name="Limit">The limit for this weight: the smaller of <paramref name="PerKg"/> × <paramref name="WeightKg"/> and <paramref name="MaxPerSession"/>.</param>
/// <param name="Capped">Whether the cap, not the weight, sets the limit.</param>
/// <param name="Source">Catalogue source key of the numbers.</param>
/// <param name="Verify">Whether a clinician must confirm the numbers.</param>
public sealed record SclerosantDoseLimit(
    string Agent,
    double PerKg,
    string PerKgUnit,
    double MaxPerSession,
    string Unit,
    double WeightKg,
    double Limit,
    bool Capped,
    string Source,
    bool Verify);
