namespace Seldinger.Server.Contracts;

/// <summary>
/// Where a resliced image lies in patient space: pixel (x, y) (0 = centre of the top-left pixel) is at
/// <c>origin + x · pixelSpacing[0] · rowDirection + y · pixelSpacing[1] · columnDirection</c>, LPS mm.
/// The viewer looks along <c>normal</c> (= row × column).
/// </summary>
/// <param name="Kind">axial, coronal, sagittal, oblique, inplane or probe.</param>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Origin">Centre of pixel (0, 0), LPS mm.</param>
/// <param name="RowDirection">Unit vector along a row (screen left to right).</param>
/// <param name="ColumnDirection">Unit vector down a column (screen top to bottom).</param>
/// <param name="Normal">Unit normal, row × column.</param>
/// <param name="PixelSpacing">Millimetres between columns and between rows.</param>
/// <param name="Index">For axial, coronal and sagittal: the plane's index (0 = most inferior, right or anterior).</param>
/// <param name="Count">For axial, coronal and sagittal: how many planes the volume has along that axis.</param>
/// <param name="SlabMm">Slab thickness (0 for a thin slice).</param>
/// <param name="Mode">Slab projection: mip, minip or mean.</param>
public sealed record ViewPlaneDto(
    string Kind,
    int Width,
    int Height,
    double[] Origin,
    double[] RowDirection,
    double[] ColumnDirection,
    double[] Normal,
    double[] PixelSpacing,
    int? Index,
    int? Count,
    double SlabMm,
    string Mode);
