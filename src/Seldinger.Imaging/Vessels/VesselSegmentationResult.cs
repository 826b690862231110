using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>The contrast-filled lumen grown from a seed.</summary>
/// <param name="Mask">1 on the lumen, 0 elsewhere.</param>
/// <param name="Seed">The voxel the growth started from.</param>
/// <param name="VoxelCount">Voxels in the lumen.</param>
/// <param name="BudgetExhausted">Whether the growth stopped at <see cref="VesselSegmentationOptions.MaximumVoxels"/> (a leak).</param>
public sealed record VesselSegmentationResult(Volume<byte> Mask, VoxelIndex Seed, long VoxelCount, bool BudgetExhausted);
