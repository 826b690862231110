namespace Seldinger.Planning.Ablation;

/// <summary>How much of the target grown by <paramref name="MarginMm"/> lies inside the lethal zone.</summary>
/// <param name="Name">E.g. <c>tumor</c>, <c>tumor + 5 mm</c>.</param>
/// <param name="MarginMm">0 for the tumor itself.</param>
/// <param name="Fraction">Covered fraction, 0–1.</param>
/// <param name="VolumeMl">Volume of the (grown) target in mL.</param>
public sealed record AblationCoverage(string Name, double MarginMm, double Fraction, double VolumeMl);
