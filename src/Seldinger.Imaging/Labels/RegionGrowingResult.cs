namespace Seldinger.Imaging.Labels;

/// <summary>The outcome of <see cref="RegionGrowing"/>.</summary>
/// <param name="Mask">1 on the grown region, 0 elsewhere.</param>
/// <param name="VoxelCount">Number of voxels in the region.</param>
/// <param name="BudgetExhausted">True when growth stopped at the voxel budget before the region was complete (typically a leak).</param>
public sealed record RegionGrowingResult(Volume<byte> Mask, long VoxelCount, bool BudgetExhausted);
