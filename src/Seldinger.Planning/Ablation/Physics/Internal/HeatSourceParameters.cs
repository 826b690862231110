namespace Seldinger.Planning.Ablation.Physics.Internal;

/// <summary>Calibrated parameters of an RF or microwave power deposition pattern (see the data file's notes).</summary>
/// <param name="SarExponent">Power density ∝ 1/d^n with the distance d from the active segment.</param>
/// <param name="CoreRadiusMm">d is clamped to at least this radius.</param>
/// <param name="Efficiency">Share of the generator power deposited in tissue.</param>
/// <param name="SourceCutoffCelsius">Deposition stops in voxels at or above this temperature.</param>
/// <param name="AxialSigmaFraction">Microwave: Gaussian width along the antenna, as a fraction of the radiating length; 0 for a uniform segment (RF).</param>
/// <param name="CentreBehindTipFraction">Microwave: the Gaussian's centre behind the tip, as a fraction of the radiating length.</param>
internal sealed record HeatSourceParameters(double SarExponent, double CoreRadiusMm, double Efficiency, double SourceCutoffCelsius, double AxialSigmaFraction, double CentreBehindTipFraction);
