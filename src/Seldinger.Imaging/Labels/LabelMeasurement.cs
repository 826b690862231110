using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Labels;

/// <summary>Size and position of one label of a label map.</summary>
/// <param name="Label">The label value.</param>
/// <param name="VoxelCount">Number of voxels with the label.</param>
/// <param name="VolumeMl">Volume in millilitres (voxel count × voxel volume).</param>
/// <param name="MinIndex">Lowest i, j and k of the label's voxels.</param>
/// <param name="MaxIndex">Highest i, j and k of the label's voxels.</param>
/// <param name="WorldMin">Lowest LPS x, y and z of the label's voxel centres.</param>
/// <param name="WorldMax">Highest LPS x, y and z of the label's voxel centres.</param>
/// <param name="Centroid">Mean of the label's voxel centres.</param>
/// <param name="LargestDiameterMm">Largest distance between two of the label's voxel centres (0 for one voxel).</param>
/// <param name="DiameterStart">One end of the largest diameter.</param>
/// <param name="DiameterEnd">The other end of the largest diameter.</param>
public sealed record LabelMeasurement(
    byte Label,
    long VoxelCount,
    double VolumeMl,
    VoxelIndex MinIndex,
    VoxelIndex MaxIndex,
    WorldPoint WorldMin,
    WorldPoint WorldMax,
    WorldPoint Centroid,
    double LargestDiameterMm,
    WorldPoint DiameterStart,
    WorldPoint DiameterEnd);
