using Seldinger.Imaging.Filters.Internal;

namespace Seldinger.Imaging.Filters;

/// <summary>
/// Exact Euclidean distance transform of a label volume, in millimetres, with anisotropic spacing.
/// </summary>
/// <remarks>
/// <para>
/// For every voxel centre the result is the distance to the nearest feature voxel centre
/// (0 on feature voxels, <see cref="float.PositiveInfinity"/> everywhere when there is no feature).
/// </para>
/// <para>
/// Algorithm: separable exact transform — a two-scan 1D distance along i, then the lower envelope
/// of parabolas along j and along k (Felzenszwalb &amp; Huttenlocher, "Distance Transforms of Sampled
/// Functions", Theory of Computing 8:415–428, 2012), each parabola scaled by the axis spacing so
/// anisotropic voxels are exact. O(n) per line; slices (passes along i and j) and rows of slices
/// (pass along k) are processed in parallel. The strided passes gather 16 neighbouring lines at a time
/// into a small per-thread tile (one cache line per element), so each line is read and written from
/// cache. Squared distances are carried in the single-precision output between passes, parabola
/// intersections are computed in double precision, and the square root is taken once at the end, so
/// the result equals the brute-force distance to float rounding.
/// </para>
/// <para>
/// Distances are measured in the index grid scaled by spacing, which is Euclidean in patient space
/// only for orthonormal direction cosines; a sheared (gantry-tilted) grid is rejected.
/// </para>
/// </remarks>
public static class EuclideanDistanceTransform
{
    /// <summary>Distance (mm) from every voxel centre to the nearest voxel with label <paramref name="featureLabel"/>.</summary>
    /// <exception cref="ArgumentException">The volume's direction cosines are not orthonormal.</exception>
    public static Volume<float> Compute(Volume<byte> labels, byte featureLabel) => Compute(labels, v => v == featureLabel);

    /// <summary>Distance (mm) from every voxel centre to the nearest voxel whose label satisfies <paramref name="isFeature"/>.</summary>
    /// <exception cref="ArgumentException">The volume's direction cosines are not orthonormal.</exception>
    public static Volume<float> Compute(Volume<byte> labels, Func<byte, bool> isFeature)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(isFeature);
        var g = labels.Geometry;
        if (!g.IsOrthonormal)
        {
            throw new ArgumentException("The distance transform needs orthonormal direction cosines; resample a sheared (gantry-tilted) volume first.", nameof(labels));
        }

        var feature = new bool[256];
        for (var v = 0; v < 256; v++)
        {
            feature[v] = isFeature((byte)v);
        }

        var result = new Volume<float>(g);
        var d = result.Voxels;
        var src = labels.Voxels;
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK;
        double sx = g.SpacingI, sy = g.SpacingJ, sz = g.SpacingK;
        var plane = nx * ny;
        var maxLength = Math.Max(nx, Math.Max(ny, nz));

        // Squared distance (mm²) along i for 0 … nx − 1 voxels, and +∞ for a row without a feature.
        var squares = new float[nx + 1];
        for (var n = 0; n < nx; n++)
        {
            squares[n] = (float)Square(n * sx);
        }

        squares[nx] = float.PositiveInfinity;

        // Passes 1 and 2, one slice at a time while it is in cache: along i (two sweeps over the labels),
        // then the lower envelope along j in tiles of neighbouring columns.
        Parallel.For(0, nz, () => new EnvelopeScratch(maxLength), (k, _, scratch) =>
        {
            var slice = k * plane;
            for (var j = 0; j < ny; j++)
            {
                var row = slice + (j * nx);
                ParabolaEnvelope.Row(src.AsSpan(row, nx), feature, squares, d.AsSpan(row, nx), scratch.Row);
            }

            if (ny > 1)
            {
                for (var i = 0; i < nx; i += ParabolaEnvelope.TileWidth)
                {
                    ParabolaEnvelope.TransformLines(d, slice + i, Math.Min(ParabolaEnvelope.TileWidth, nx - i), nx, ny, sy, takeRoot: false, scratch);
                }
            }

            return scratch;
        }, scratch => scratch.Dispose());

        // Pass 3, along k in tiles of neighbouring columns, then the square root.
        Parallel.For(0, ny, () => new EnvelopeScratch(maxLength), (j, _, scratch) =>
        {
            for (var i = 0; i < nx; i += ParabolaEnvelope.WideTileWidth)
            {
                ParabolaEnvelope.TransformLines(d, (j * nx) + i, Math.Min(ParabolaEnvelope.WideTileWidth, nx - i), plane, nz, sz, takeRoot: true, scratch);
            }

            return scratch;
        }, scratch => scratch.Dispose());

        return result;
    }

    private static double Square(double value) => value * value;
}
