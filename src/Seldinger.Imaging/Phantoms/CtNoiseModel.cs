namespace Seldinger.Imaging.Phantoms;

/// <summary>
/// Quantum noise of a CT image as a function of dose and body size, for synthetic images:
/// σ = σ_ref · √(D_ref / D) · exp(μ (d − d_ref) / 2), with D the CTDIvol (mGy) and d the
/// water-equivalent diameter (mm) of the scanned region, taken as √(width · depth).
/// </summary>
/// <remarks>
/// The 1/√dose law follows from Poisson photon statistics; the size term from the transmission
/// exp(−μd) through water. The constants and the default dose per age live in the <c>ct-dose</c> table
/// of <see cref="PediatricAnthropometry"/> (a synthetic calibration, not a scanner's; verify).
/// </remarks>
public static class CtNoiseModel
{
    /// <summary>Noise standard deviation (HU) at <paramref name="ctdiVolMgy"/> for a body of <paramref name="waterEquivalentDiameterMm"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dose or the diameter is not a positive number.</exception>
    public static double SigmaHu(double ctdiVolMgy, double waterEquivalentDiameterMm)
    {
        if (!(ctdiVolMgy > 0) || !double.IsFinite(ctdiVolMgy))
        {
            throw new ArgumentOutOfRangeException(nameof(ctdiVolMgy), ctdiVolMgy, "The dose must be a positive number of mGy.");
        }

        if (!(waterEquivalentDiameterMm > 0) || !double.IsFinite(waterEquivalentDiameterMm))
        {
            throw new ArgumentOutOfRangeException(nameof(waterEquivalentDiameterMm), waterEquivalentDiameterMm, "The diameter must be a positive number of mm.");
        }

        var t = PediatricAnthropometry.Default;
        return t.Constant("referenceSigmaHu") * Math.Sqrt(t.Constant("referenceDoseMgy") / ctdiVolMgy)
            * Math.Exp(t.Constant("attenuationPerMm") * (waterEquivalentDiameterMm - t.Constant("referenceDiameterMm")) / 2);
    }

    /// <summary>The default CTDIvol (mGy) for a child of <paramref name="ageYears"/>.</summary>
    public static double DefaultDoseMgy(double ageYears) => PediatricAnthropometry.Default.Value("defaultCtdiVolMgy", ageYears);
}
