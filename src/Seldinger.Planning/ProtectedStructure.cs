namespace Seldinger.Planning;

/// <summary>A structure a needle must neither cross nor pass closer to than a margin.</summary>
/// <param name="Name">Display name, used in reports and rejection reasons (e.g. "Vessel").</param>
/// <param name="Label">The label value of the structure in the label volume (see <c>Seldinger.Imaging.TissueLabel</c>).</param>
/// <param name="MinimumClearanceMm">Required distance between the needle axis and the structure, mm.</param>
public sealed record ProtectedStructure(string Name, byte Label, double MinimumClearanceMm);
