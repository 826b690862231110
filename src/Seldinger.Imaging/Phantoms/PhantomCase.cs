using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Phantoms;

/// <summary>A generated CT volume with its ground-truth labels and target.</summary>
/// <param name="Hounsfield">CT numbers (HU), with noise.</param>
/// <param name="Labels">Ground truth: one <see cref="TissueLabel"/> value per voxel, same geometry as <paramref name="Hounsfield"/>.</param>
/// <param name="LesionCenter">Centre of the lesion, LPS mm.</param>
/// <param name="LesionRadiusMm">Radius of the lesion, mm.</param>
/// <param name="Description">A one-line human-readable description of the case.</param>
public sealed record PhantomCase(
    Volume<short> Hounsfield,
    Volume<byte> Labels,
    WorldPoint LesionCenter,
    double LesionRadiusMm,
    string Description);
