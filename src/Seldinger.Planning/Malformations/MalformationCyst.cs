using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Malformations;

/// <summary>
/// A cyst or channel of a vascular malformation: a point of the lesion at least 1.5 voxels deep (distance to the
/// nearest voxel outside it) that is the deepest point of its own inscribed ball, kept when no larger cyst
/// already contains it.
/// </summary>
/// <param name="Name">Display name, <c>cyst 1</c>… (largest first).</param>
/// <param name="Center">The deepest point, LPS mm.</param>
/// <param name="RadiusMm">Depth at that point less half a voxel (the wall lies between the last inside and first outside voxel centres), mm.</param>
/// <param name="Component">The connected component (1-based, as in the plan's measurements) it lies in.</param>
public sealed record MalformationCyst(string Name, WorldPoint Center, double RadiusMm, int Component);
