using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>One branch of a <see cref="CentrelineTree"/>: a voxel path from where it leaves its parent to its far end.</summary>
/// <param name="Parent">Index of the parent branch in <see cref="CentrelineTree.Branches"/>, −1 for the first branch (which starts at the root).</param>
/// <param name="ParentIndex">Index in the parent's <see cref="Voxels"/> where this branch leaves it (the junction), −1 for the first branch.</param>
/// <param name="Voxels">The branch's voxels, from the junction (or root) to the end.</param>
/// <param name="Points">The voxel centres, LPS mm.</param>
/// <param name="RadiiMm">Wall distance at each voxel, mm (about the lumen radius).</param>
public sealed record CentrelineBranch(int Parent, int ParentIndex, IReadOnlyList<VoxelIndex> Voxels, IReadOnlyList<WorldPoint> Points, IReadOnlyList<double> RadiiMm)
{
    /// <summary>Arc length of the branch, mm.</summary>
    public double LengthMm => VesselPolyline.Length(Points);
}
