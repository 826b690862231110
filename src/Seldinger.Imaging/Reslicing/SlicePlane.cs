using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Reslicing;

/// <summary>
/// The geometry of a 2D image cut through patient space: pixel (x, y) lies at
/// <c>Origin + x · PixelSpacingX · RowDirection + y · PixelSpacingY · ColumnDirection</c>, like DICOM's
/// Image Position / Image Orientation (Patient) with <see cref="RowDirection"/> along a row (left to right on
/// screen) and <see cref="ColumnDirection"/> down a column (top to bottom). The viewer looks along <see cref="Normal"/>.
/// </summary>
public sealed record SlicePlane
{
    private const double UnitTolerance = 1e-6;

    /// <summary>Creates a plane from its top-left pixel centre.</summary>
    /// <param name="origin">The centre of pixel (0, 0) in LPS mm.</param>
    /// <param name="rowDirection">Unit vector from a pixel to its right neighbour.</param>
    /// <param name="columnDirection">Unit vector from a pixel to the one below; perpendicular to <paramref name="rowDirection"/>.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="pixelSpacingX">Millimetres between columns.</param>
    /// <param name="pixelSpacingY">Millimetres between rows.</param>
    public SlicePlane(WorldPoint origin, Vector3D rowDirection, Vector3D columnDirection, int width, int height, double pixelSpacingX, double pixelSpacingY)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"A {width}×{height} image is larger than one array can hold.");
        }

        if (!double.IsFinite(pixelSpacingX) || pixelSpacingX <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pixelSpacingX), pixelSpacingX, "Pixel spacing must be a positive, finite number of millimetres.");
        }

        if (!double.IsFinite(pixelSpacingY) || pixelSpacingY <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pixelSpacingY), pixelSpacingY, "Pixel spacing must be a positive, finite number of millimetres.");
        }

        if (!double.IsFinite(origin.X) || !double.IsFinite(origin.Y) || !double.IsFinite(origin.Z))
        {
            throw new ArgumentException($"The origin {origin} is not finite.", nameof(origin));
        }

        if (Math.Abs(rowDirection.Length - 1) > UnitTolerance || Math.Abs(columnDirection.Length - 1) > UnitTolerance)
        {
            throw new ArgumentException($"The row {rowDirection} and column {columnDirection} directions must be unit vectors.", nameof(rowDirection));
        }

        if (Math.Abs(rowDirection.Dot(columnDirection)) > UnitTolerance)
        {
            throw new ArgumentException($"The row {rowDirection} and column {columnDirection} directions must be perpendicular.", nameof(columnDirection));
        }

        Origin = origin;
        RowDirection = rowDirection;
        ColumnDirection = columnDirection;
        Normal = rowDirection.Cross(columnDirection);
        Width = width;
        Height = height;
        PixelSpacingX = pixelSpacingX;
        PixelSpacingY = pixelSpacingY;
    }

    /// <summary>The centre of pixel (0, 0), LPS mm.</summary>
    public WorldPoint Origin { get; }

    /// <summary>Unit vector along a row: screen left to right.</summary>
    public Vector3D RowDirection { get; }

    /// <summary>Unit vector down a column: screen top to bottom.</summary>
    public Vector3D ColumnDirection { get; }

    /// <summary><see cref="RowDirection"/> × <see cref="ColumnDirection"/>: the direction the viewer looks.</summary>
    public Vector3D Normal { get; }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Millimetres between columns.</summary>
    public double PixelSpacingX { get; }

    /// <summary>Millimetres between rows.</summary>
    public double PixelSpacingY { get; }

    /// <summary>The point at the centre of the image.</summary>
    public WorldPoint Center => PixelToWorld(new PixelPoint((Width - 1) / 2.0, (Height - 1) / 2.0));

    /// <summary>
    /// A plane of <paramref name="width"/> × <paramref name="height"/> pixels centred on <paramref name="center"/>.
    /// </summary>
    /// <param name="center">The centre of the image, LPS mm.</param>
    /// <param name="rowDirection">Unit vector along a row (screen left to right).</param>
    /// <param name="columnDirection">Unit vector down a column (screen top to bottom), perpendicular to the row.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="pixelSpacingX">Millimetres between columns.</param>
    /// <param name="pixelSpacingY">Millimetres between rows.</param>
    /// <returns>The plane.</returns>
    public static SlicePlane FromCenter(WorldPoint center, Vector3D rowDirection, Vector3D columnDirection, int width, int height, double pixelSpacingX, double pixelSpacingY)
    {
        var origin = center - (rowDirection * ((width - 1) / 2.0 * pixelSpacingX)) - (columnDirection * ((height - 1) / 2.0 * pixelSpacingY));
        return new SlicePlane(origin, rowDirection, columnDirection, width, height, pixelSpacingX, pixelSpacingY);
    }

    /// <summary>The point of patient space at a pixel position.</summary>
    public WorldPoint PixelToWorld(PixelPoint pixel) =>
        Origin + (RowDirection * (pixel.X * PixelSpacingX)) + (ColumnDirection * (pixel.Y * PixelSpacingY));

    /// <summary>The pixel position of a point's orthogonal projection onto the plane (for overlays).</summary>
    public PixelPoint WorldToPixel(WorldPoint point)
    {
        var d = point - Origin;
        return new PixelPoint(d.Dot(RowDirection) / PixelSpacingX, d.Dot(ColumnDirection) / PixelSpacingY);
    }

    /// <summary>Signed distance of a point from the plane along <see cref="Normal"/>, mm.</summary>
    public double DistanceFromPlane(WorldPoint point) => (point - Origin).Dot(Normal);
}
