namespace Seldinger.Imaging.Phantoms;

/// <summary>One named case of the <see cref="PhantomCatalogue"/>.</summary>
/// <param name="Name">Name used on the command line, e.g. <c>liver-tumor</c>.</param>
/// <param name="Description">What the case shows.</param>
/// <param name="Procedures">The procedures of the catalogue the case is for.</param>
/// <param name="DefaultPhase">Contrast phase used unless another is asked for.</param>
/// <param name="Region">Field of view.</param>
/// <param name="TargetLabel">The label of the pathology or access target the case is built around.</param>
public sealed record PhantomCaseDefinition(
    string Name,
    string Description,
    IReadOnlyList<string> Procedures,
    ContrastPhase DefaultPhase,
    BodyRegion Region,
    TissueLabel TargetLabel);
