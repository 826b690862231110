using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Filters.Internal;

/// <summary>The CPU exact distance transform into a caller's float buffer.</summary>
internal static class DistanceTransformCore
{
    /// <summary>
    /// Writes to <paramref name="d"/> the distance (mm) from every voxel centre of <paramref name="geometry"/>
    /// to the nearest voxel whose label in <paramref name="labels"/> is a feature (+∞ when there is none).
    /// </summary>
    public static void Compute(byte[] labels, FeatureTable features, VolumeGeometry geometry, float[] d)
    {
        int nx = geometry.SizeI, ny = geometry.SizeJ, nz = geometry.SizeK;
        double sx = geometry.SpacingI, sy = geometry.SpacingJ, sz = geometry.SpacingK;
        var plane = nx * ny;
        var maxLength = Math.Max(nx, Math.Max(ny, nz));

        // Squared distance (mm²) along i for 0 … nx voxels, ascending and descending.
        var squares = new float[nx + 1];
        var reversed = new float[nx + 1];
        for (var n = 0; n <= nx; n++)
        {
            squares[n] = (float)Square(n * sx);
        }

        for (var m = 0; m <= nx; m++)
        {
            reversed[m] = squares[nx - m];
        }

        // Passes 1 and 2, one slice at a time while it is in cache: along i, then the lower envelope along j
        // over the rows that hold a feature, in tiles of neighbouring columns.
        var sliceHasFeature = new bool[nz];
        Parallel.For(0, nz, () => new EnvelopeScratch(maxLength), (k, _, scratch) =>
        {
            var slice = k * plane;
            var sites = scratch.Sites;
            var count = 0;
            for (var j = 0; j < ny; j++)
            {
                var row = slice + (j * nx);
                if (ParabolaEnvelope.Row(labels.AsSpan(row, nx), features, squares, reversed, d.AsSpan(row, nx)))
                {
                    sites[count++] = j;
                }
            }

            sliceHasFeature[k] = count > 0;
            if (ny > 1 && count > 0)
            {
                for (var i = 0; i < nx; i += ParabolaEnvelope.TileWidth)
                {
                    ParabolaEnvelope.TransformLines(d, slice + i, Math.Min(ParabolaEnvelope.TileWidth, nx - i), nx, ny, sites.AsSpan(0, count), sy, takeRoot: false, scratch);
                }
            }

            return scratch;
        }, scratch => scratch.Dispose());

        // Pass 3, along k over the slices that hold a feature, in tiles of neighbouring columns, then the square root.
        var slices = Enumerable.Range(0, nz).Where(k => sliceHasFeature[k]).ToArray();
        if (slices.Length == 0)
        {
            return;
        }

        Parallel.For(0, ny, () => new EnvelopeScratch(maxLength), (j, _, scratch) =>
        {
            for (var i = 0; i < nx; i += ParabolaEnvelope.WideTileWidth)
            {
                ParabolaEnvelope.TransformLines(d, (j * nx) + i, Math.Min(ParabolaEnvelope.WideTileWidth, nx - i), plane, nz, slices, sz, takeRoot: true, scratch);
            }

            return scratch;
        }, scratch => scratch.Dispose());
    }

    private static double Square(double value) => value * value;
}
