namespace Seldinger.Server.Contracts;

/// <summary>
/// One label of a series' label map with its display colour and measurements. Points are LPS mm,
/// indices are (i, j, k) voxel indices.
/// </summary>
/// <param name="Value">The label value in the label map (1–255).</param>
/// <param name="Name">The structure's name.</param>
/// <param name="Colour">Display colour, <c>#rrggbb</c>.</param>
/// <param name="VoxelCount">Voxels carrying the label.</param>
/// <param name="VolumeMl">Volume in millilitres.</param>
/// <param name="MinIndex">Lowest i, j, k of the label's voxels.</param>
/// <param name="MaxIndex">Highest i, j, k of the label's voxels.</param>
/// <param name="WorldMin">Lowest x, y, z of the label's voxel centres.</param>
/// <param name="WorldMax">Highest x, y, z of the label's voxel centres.</param>
/// <param name="Centroid">Mean of the label's voxel centres.</param>
/// <param name="LargestDiameterMm">Largest distance between two of the label's voxel centres.</param>
/// <param name="DiameterStart">One end of the largest diameter.</param>
/// <param name="DiameterEnd">The other end of the largest diameter.</param>
public sealed record LabelDto(
    int Value,
    string Name,
    string Colour,
    long VoxelCount,
    double VolumeMl,
    int[] MinIndex,
    int[] MaxIndex,
    PointDto WorldMin,
    PointDto WorldMax,
    PointDto Centroid,
    double LargestDiameterMm,
    PointDto DiameterStart,
    PointDto DiameterEnd);
