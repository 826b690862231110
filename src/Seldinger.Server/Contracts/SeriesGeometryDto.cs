namespace Seldinger.Server.Contracts;

/// <summary>
/// A stored series and its volume geometry: origin is the centre of voxel (0,0,0) in LPS mm,
/// spacing is along columns (i), rows (j) and slices (k), and direction is row-major 3×3 with
/// column c the unit vector of index axis c. Slice n of the slice endpoint is index k = n.
/// </summary>
public sealed record SeriesGeometryDto(
    string SeriesInstanceUid,
    string StudyInstanceUid,
    string Modality,
    string Description,
    int Columns,
    int Rows,
    int Slices,
    double[] Origin,
    double[] Spacing,
    double[] Direction);
