using Seldinger.Imaging;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Planning.Ablation.Physics;

/// <summary>One material of <see cref="TissueThermalProperties"/>: the tissue labels it covers and its thermal properties.</summary>
/// <param name="Id">Stable identifier, e.g. <c>liver</c>.</param>
/// <param name="Labels">The tissue labels drawn with this material.</param>
/// <param name="Material">The properties in SI units, as the engine takes them.</param>
/// <param name="Source">Keys into <see cref="TissueThermalProperties.Sources"/>, separated by semicolons.</param>
/// <param name="Verify">True when a physicist must check the numbers before clinical use.</param>
public sealed record TissueThermalMaterial(string Id, IReadOnlyList<TissueLabel> Labels, BioheatMaterial Material, string Source, bool Verify);
