using System.Numerics;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Resampling;

namespace Seldinger.Imaging.Reslicing;

/// <summary>
/// Cuts 2D images out of a volume: the standard planes in radiological display convention, any oblique plane,
/// the plane of a needle path and the plane across it, and thick-slab MIP / MinIP.
/// </summary>
public static class Reslicer
{
    /// <summary>
    /// The axial plane at height <paramref name="z"/> (LPS mm) over the volume's extent, viewed from the feet:
    /// anterior at the top, the patient's right on the viewer's left (rows along +X, columns along +Y).
    /// </summary>
    /// <param name="geometry">The volume to cover; pixel spacing is that of its index axes closest to X and Y.</param>
    /// <param name="z">The superior coordinate of the plane, mm.</param>
    /// <param name="pixelSpacingMm">Square pixels of this size instead of the volume's spacing.</param>
    /// <returns>The plane.</returns>
    public static SlicePlane AxialPlane(VolumeGeometry geometry, double z, double? pixelSpacingMm = null) =>
        StandardPlane(geometry, Vector3D.UnitX, Vector3D.UnitY, Vector3D.UnitZ, z, pixelSpacingMm);

    /// <summary>
    /// The coronal plane at <paramref name="y"/> (LPS mm), viewed from the front: superior at the top,
    /// the patient's right on the viewer's left (rows along +X, columns along −Z).
    /// </summary>
    /// <param name="geometry">The volume to cover; pixel spacing is that of its index axes closest to the plane's axes.</param>
    /// <param name="y">The posterior coordinate of the plane, mm.</param>
    /// <param name="pixelSpacingMm">Square pixels of this size instead of the volume's spacing (e.g. for display: slices are often thicker than pixels).</param>
    /// <returns>The plane.</returns>
    public static SlicePlane CoronalPlane(VolumeGeometry geometry, double y, double? pixelSpacingMm = null) =>
        StandardPlane(geometry, Vector3D.UnitX, -Vector3D.UnitZ, Vector3D.UnitY, y, pixelSpacingMm);

    /// <summary>
    /// The sagittal plane at <paramref name="x"/> (LPS mm): superior at the top, anterior on the viewer's left
    /// (rows along +Y, columns along −Z).
    /// </summary>
    /// <param name="geometry">The volume to cover; pixel spacing is that of its index axes closest to the plane's axes.</param>
    /// <param name="x">The left coordinate of the plane, mm.</param>
    /// <param name="pixelSpacingMm">Square pixels of this size instead of the volume's spacing (e.g. for display: slices are often thicker than pixels).</param>
    /// <returns>The plane.</returns>
    public static SlicePlane SagittalPlane(VolumeGeometry geometry, double x, double? pixelSpacingMm = null) =>
        StandardPlane(geometry, Vector3D.UnitY, -Vector3D.UnitZ, Vector3D.UnitX, x, pixelSpacingMm);

    /// <summary>
    /// The plane that contains a needle path, as a CT-fluoroscopy or ultrasound operator sees it: the columns run
    /// along the path and the rows along the horizontal direction perpendicular to it, so of all planes through the
    /// path this one is closest to axial. Rows point to the patient's left and the viewer looks from the feet
    /// (for a path in an axial plane the image is that axial slice's view); a vertical path gives a coronal view.
    /// </summary>
    /// <param name="entry">The skin entry point, LPS mm.</param>
    /// <param name="target">The target point, LPS mm.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="pixelSpacing">Millimetres per pixel, both directions.</param>
    /// <returns>A plane centred on the midpoint of the path.</returns>
    public static SlicePlane PathPlane(WorldPoint entry, WorldPoint target, int width, int height, double pixelSpacing)
    {
        var along = PathDirection(entry, target);
        var row = HorizontalPerpendicular(along);
        var column = row.Cross(along).Z > 0 || (Math.Abs(row.Cross(along).Z) < 1e-12 && along.Z < 0) ? along : -along;
        return SlicePlane.FromCenter(entry.Lerp(target, 0.5), row, column, width, height, pixelSpacing, pixelSpacing);
    }

    /// <summary>
    /// The plane perpendicular to a needle path at <paramref name="depthMm"/> from the entry, looking along the
    /// needle from its hub ("probe's eye"): the normal is the path direction, rows are horizontal toward the
    /// patient's left.
    /// </summary>
    /// <param name="entry">The skin entry point, LPS mm.</param>
    /// <param name="target">The target point, LPS mm.</param>
    /// <param name="depthMm">Distance from the entry along the path (may pass the target or be negative).</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="pixelSpacing">Millimetres per pixel, both directions.</param>
    /// <returns>A plane centred on the path.</returns>
    public static SlicePlane ProbesEyePlane(WorldPoint entry, WorldPoint target, double depthMm, int width, int height, double pixelSpacing)
    {
        if (!double.IsFinite(depthMm))
        {
            throw new ArgumentOutOfRangeException(nameof(depthMm), depthMm, "The depth must be a finite number of millimetres.");
        }

        var along = PathDirection(entry, target);
        var row = HorizontalPerpendicular(along);
        var column = along.Cross(row);
        return SlicePlane.FromCenter(entry + (along * depthMm), row, column, width, height, pixelSpacing, pixelSpacing);
    }

    /// <summary>Samples <paramref name="volume"/> at every pixel centre of <paramref name="plane"/>.</summary>
    /// <typeparam name="T">The voxel type.</typeparam>
    /// <param name="volume">The volume.</param>
    /// <param name="plane">Where to sample.</param>
    /// <param name="interpolator">Interpolation kind and the value of pixels outside the volume.</param>
    /// <returns>The image.</returns>
    public static ReslicedImage Reslice<T>(Volume<T> volume, SlicePlane plane, Interpolator interpolator)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(interpolator);
        return Reslice(interpolator.Prepare(volume), plane);
    }

    /// <summary>Samples a prepared volume at every pixel centre of <paramref name="plane"/> (prepare once, reslice many planes).</summary>
    /// <param name="sampler">The prepared volume.</param>
    /// <param name="plane">Where to sample.</param>
    /// <returns>The image.</returns>
    public static ReslicedImage Reslice(VolumeSampler sampler, SlicePlane plane) => Slab(sampler, plane, 0, SlabProjection.Maximum);

    /// <summary>
    /// A thick-slab projection: at every pixel the volume is sampled along <see cref="SlicePlane.Normal"/> from
    /// −<paramref name="thicknessMm"/>/2 to +<paramref name="thicknessMm"/>/2 in equal steps of at most half the
    /// volume's smallest spacing (both faces included) and reduced by <paramref name="projection"/>. Samples
    /// outside the volume are left out; a pixel with none inside gets the interpolator's outside value.
    /// </summary>
    /// <typeparam name="T">The voxel type.</typeparam>
    /// <param name="volume">The volume.</param>
    /// <param name="plane">The slab's mid-plane.</param>
    /// <param name="interpolator">Interpolation kind and outside value.</param>
    /// <param name="thicknessMm">Slab thickness; 0 is a plain reslice.</param>
    /// <param name="projection">Maximum (MIP), minimum (MinIP) or mean.</param>
    /// <returns>The projected image.</returns>
    public static ReslicedImage Slab<T>(Volume<T> volume, SlicePlane plane, Interpolator interpolator, double thicknessMm, SlabProjection projection)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(interpolator);
        return Slab(interpolator.Prepare(volume), plane, thicknessMm, projection);
    }

    /// <summary>A thick-slab projection of a prepared volume; see <see cref="Slab{T}(Volume{T}, SlicePlane, Interpolator, double, SlabProjection)"/>.</summary>
    /// <param name="sampler">The prepared volume.</param>
    /// <param name="plane">The slab's mid-plane.</param>
    /// <param name="thicknessMm">Slab thickness; 0 is a plain reslice.</param>
    /// <param name="projection">Maximum (MIP), minimum (MinIP) or mean.</param>
    /// <returns>The projected image.</returns>
    public static ReslicedImage Slab(VolumeSampler sampler, SlicePlane plane, double thicknessMm, SlabProjection projection)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(plane);
        if (!double.IsFinite(thicknessMm) || thicknessMm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(thicknessMm), thicknessMm, "The slab thickness must be a finite, non-negative number of millimetres.");
        }

        if (projection is not (SlabProjection.Maximum or SlabProjection.Minimum or SlabProjection.Mean))
        {
            throw new ArgumentOutOfRangeException(nameof(projection), projection, "Unknown slab projection.");
        }

        var g = sampler.Geometry;
        var steps = thicknessMm == 0 ? 0 : (int)Math.Ceiling(thicknessMm / (g.MinimumSpacing / 2));
        var stepMm = steps == 0 ? 0 : thicknessMm / steps;

        // Pixel → source index is affine: each sample is computed from the origin (no running sums).
        var toIndex = g.IndexToWorldMatrix.Inverse();
        var start = g.WorldToIndex(plane.Origin - (plane.Normal * (thicknessMm / 2)));
        var stepX = toIndex * (plane.RowDirection * plane.PixelSpacingX);
        var stepY = toIndex * (plane.ColumnDirection * plane.PixelSpacingY);
        var stepN = toIndex * (plane.Normal * stepMm);
        var first = new Vector3D(start.I, start.J, start.K);
        var width = plane.Width;
        var pixels = new float[width * plane.Height];
        var outside = sampler.Interpolator.OutsideValue;

        Parallel.For(0, plane.Height, y =>
        {
            var rowStart = first + (stepY * y);
            for (var x = 0; x < width; x++)
            {
                var pixelStart = rowStart + (stepX * x);
                double result = projection == SlabProjection.Maximum ? double.NegativeInfinity : projection == SlabProjection.Minimum ? double.PositiveInfinity : 0;
                var inside = 0;
                for (var s = 0; s <= steps; s++)
                {
                    var p = pixelStart + (stepN * s);
                    if (!sampler.TrySample(new ContinuousIndex(p.X, p.Y, p.Z), out var value))
                    {
                        continue;
                    }

                    inside++;
                    result = projection switch
                    {
                        SlabProjection.Maximum => Math.Max(result, value),
                        SlabProjection.Minimum => Math.Min(result, value),
                        _ => result + value,
                    };
                }

                pixels[x + (width * y)] = (float)(inside == 0 ? outside : projection == SlabProjection.Mean ? result / inside : result);
            }
        });

        return new ReslicedImage(plane, pixels);
    }

    private static Vector3D PathDirection(WorldPoint entry, WorldPoint target)
    {
        var path = target - entry;
        if (!(path.Length > 1e-9) || !double.IsFinite(path.Length))
        {
            throw new ArgumentException($"The entry {entry} and target {target} must be distinct, finite points.", nameof(target));
        }

        return path.Normalized;
    }

    /// <summary>The horizontal unit vector perpendicular to <paramref name="along"/>, pointing to the patient's left (else posterior).</summary>
    private static Vector3D HorizontalPerpendicular(Vector3D along)
    {
        var horizontal = Vector3D.UnitZ.Cross(along);
        if (horizontal.Length < 1e-9)
        {
            return Vector3D.UnitX;
        }

        horizontal = horizontal.Normalized;
        return horizontal.X > 1e-12 || (Math.Abs(horizontal.X) <= 1e-12 && horizontal.Y > 0) ? horizontal : -horizontal;
    }

    private static SlicePlane StandardPlane(VolumeGeometry geometry, Vector3D row, Vector3D column, Vector3D normalAxis, double position, double? pixelSpacingMm)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (!double.IsFinite(position))
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "The plane position must be a finite number of millimetres.");
        }

        // Cover the voxel centres; with an axis-aligned volume the pixels land exactly on them.
        double minRow = double.PositiveInfinity, maxRow = double.NegativeInfinity, minColumn = double.PositiveInfinity, maxColumn = double.NegativeInfinity;
        for (var corner = 0; corner < 8; corner++)
        {
            var p = geometry.IndexToWorld(new VoxelIndex(
                (corner & 1) == 0 ? 0 : geometry.SizeI - 1,
                (corner & 2) == 0 ? 0 : geometry.SizeJ - 1,
                (corner & 4) == 0 ? 0 : geometry.SizeK - 1)).ToVector();
            minRow = Math.Min(minRow, p.Dot(row));
            maxRow = Math.Max(maxRow, p.Dot(row));
            minColumn = Math.Min(minColumn, p.Dot(column));
            maxColumn = Math.Max(maxColumn, p.Dot(column));
        }

        if (pixelSpacingMm is { } square && (!double.IsFinite(square) || square <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(pixelSpacingMm), square, "Pixel spacing must be a positive, finite number of millimetres.");
        }

        var spacingX = pixelSpacingMm ?? SpacingAlong(geometry, row);
        var spacingY = pixelSpacingMm ?? SpacingAlong(geometry, column);
        var width = (int)Math.Floor(((maxRow - minRow) / spacingX) + 1e-6) + 1;
        var height = (int)Math.Floor(((maxColumn - minColumn) / spacingY) + 1e-6) + 1;
        var origin = WorldPoint.Origin + (row * minRow) + (column * minColumn) + (normalAxis * position);
        return new SlicePlane(origin, row, column, width, height, spacingX, spacingY);
    }

    /// <summary>The index axis (0 = i, 1 = j, 2 = k) best aligned with <paramref name="axis"/>; ties go to the earlier axis.</summary>
    public static int ClosestIndexAxis(VolumeGeometry geometry, Vector3D axis)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var d = geometry.Direction;
        var a = Math.Abs(d.Column(0).Dot(axis));
        var b = Math.Abs(d.Column(1).Dot(axis));
        var c = Math.Abs(d.Column(2).Dot(axis));
        return a >= b && a >= c ? 0 : b >= c ? 1 : 2;
    }

    /// <summary>
    /// The planes perpendicular to <paramref name="axis"/> (a unit vector) that cover the volume's voxel centres:
    /// plane n lies at <c>First + n · Step</c> mm along the axis, with the spacing of the closest index axis as
    /// <c>Step</c>, so that with an axis-aligned volume plane n is voxel layer n.
    /// </summary>
    public static (double First, double Step, int Count) PlanePositions(VolumeGeometry geometry, Vector3D axis)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var corner = 0; corner < 8; corner++)
        {
            var p = geometry.IndexToWorld(new VoxelIndex(
                (corner & 1) == 0 ? 0 : geometry.SizeI - 1,
                (corner & 2) == 0 ? 0 : geometry.SizeJ - 1,
                (corner & 4) == 0 ? 0 : geometry.SizeK - 1)).ToVector().Dot(axis);
            min = Math.Min(min, p);
            max = Math.Max(max, p);
        }

        var step = SpacingAlong(geometry, axis);
        return (min, step, (int)Math.Floor(((max - min) / step) + 1e-6) + 1);
    }

    /// <summary>The spacing of the index axis best aligned with <paramref name="axis"/>.</summary>
    private static double SpacingAlong(VolumeGeometry geometry, Vector3D axis) => ClosestIndexAxis(geometry, axis) switch
    {
        0 => geometry.SpacingI,
        1 => geometry.SpacingJ,
        _ => geometry.SpacingK,
    };
}
