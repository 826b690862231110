namespace Seldinger.Imaging.Thermal;

/// <summary>
/// Thermal properties of one material of a bioheat problem, in SI units. The engine holds no tissue data: callers
/// build materials from their own (sourced) tables.
/// </summary>
/// <param name="Name">Name for messages, e.g. <c>liver</c>.</param>
/// <param name="Conductivity">Thermal conductivity k of unfrozen tissue (W/m/K), &gt; 0.</param>
/// <param name="Density">Density ρ (kg/m³), &gt; 0; the same frozen and unfrozen.</param>
/// <param name="SpecificHeat">Specific heat c of unfrozen tissue (J/kg/K), &gt; 0.</param>
/// <param name="Perfusion">Volumetric blood perfusion rate ω (1/s, mL of blood per mL of tissue per second), ≥ 0; the perfusion term is ρ_b c_b ω (T_b − T).</param>
/// <param name="ArrheniusFrequencyFactor">Arrhenius frequency factor A (1/s), &gt; 0; may exceed the float range (it is used as ln A).</param>
/// <param name="ArrheniusActivationEnergy">Arrhenius activation energy Ea (J/mol), &gt; 0.</param>
/// <param name="FrozenConductivity">Conductivity of frozen tissue (W/m/K), &gt; 0.</param>
/// <param name="FrozenSpecificHeat">Specific heat of frozen tissue (J/kg/K), &gt; 0.</param>
/// <param name="LatentHeat">Latent heat of fusion of the tissue's water (J/kg of tissue), ≥ 0; spread over the problem's phase-change range.</param>
public sealed record BioheatMaterial(
    string Name,
    double Conductivity,
    double Density,
    double SpecificHeat,
    double Perfusion,
    double ArrheniusFrequencyFactor,
    double ArrheniusActivationEnergy,
    double FrozenConductivity,
    double FrozenSpecificHeat,
    double LatentHeat)
{
    /// <summary>Throws when a property is missing, not finite or out of range.</summary>
    /// <exception cref="ArgumentException">The message names the material and the property.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A bioheat material needs a name.");
        }

        Positive(Conductivity, nameof(Conductivity));
        Positive(Density, nameof(Density));
        Positive(SpecificHeat, nameof(SpecificHeat));
        NonNegative(Perfusion, nameof(Perfusion));
        Positive(ArrheniusFrequencyFactor, nameof(ArrheniusFrequencyFactor));
        Positive(ArrheniusActivationEnergy, nameof(ArrheniusActivationEnergy));
        Positive(FrozenConductivity, nameof(FrozenConductivity));
        Positive(FrozenSpecificHeat, nameof(FrozenSpecificHeat));
        NonNegative(LatentHeat, nameof(LatentHeat));
    }

    private void Positive(double value, string property)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentException($"Material '{Name}': {property} must be a positive finite number, not {value}.");
        }
    }

    private void NonNegative(double value, string property)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentException($"Material '{Name}': {property} must be a finite number ≥ 0, not {value}.");
        }
    }
}
