namespace Seldinger.Imaging.Filters.Internal;

/// <summary>
/// The 1D passes of the separable exact distance transform, over squared distances held in a flat
/// single-precision volume.
/// </summary>
/// <remarks>
/// Strided lines (along j or k) are not walked one element per cache line: <see cref="TransformLines"/>
/// copies <see cref="TileWidth"/> neighbouring lines at once (one contiguous 64-byte run per element)
/// into a small tile that stays in the first-level cache, runs the lower envelope on each line of the
/// tile, and copies the tile back.
/// </remarks>
internal static class ParabolaEnvelope
{
    /// <summary>Lines per tile within a slice (along j): 16 floats, one cache line per element.</summary>
    public const int TileWidth = 16;

    /// <summary>
    /// Lines per tile across slices (along k): 64 floats, so each element is a 256-byte run that the
    /// hardware prefetcher follows, rather than one cache line per page a megabyte apart.
    /// </summary>
    public const int WideTileWidth = 64;

    /// <summary>
    /// First pass along a contiguous row of labels: the squared distance (mm²) to the nearest feature
    /// in the row, from a table of squared distances indexed by voxel count (the last entry, +∞, for none).
    /// </summary>
    public static void Row(ReadOnlySpan<byte> labels, ReadOnlySpan<bool> isFeature, ReadOnlySpan<float> squares, Span<float> output, Span<int> scratch)
    {
        var n = labels.Length;
        var none = squares.Length - 1;
        var last = -1;
        for (var i = 0; i < n; i++)
        {
            if (isFeature[labels[i]])
            {
                last = i;
            }

            scratch[i] = last < 0 ? none : i - last;
        }

        var next = -1;
        for (var i = n - 1; i >= 0; i--)
        {
            if (isFeature[labels[i]])
            {
                next = i;
            }

            var count = scratch[i];
            if (next >= 0 && next - i < count)
            {
                count = next - i;
            }

            output[i] = squares[count];
        }
    }

    /// <summary>
    /// Replaces <paramref name="width"/> (≤ <see cref="WideTileWidth"/>) neighbouring lines of squared
    /// distances, each of <paramref name="length"/> elements <paramref name="stride"/> apart and starting
    /// at <paramref name="start"/> + c, with min over p of (spacing·(q − p))² + f(p); with
    /// <paramref name="takeRoot"/> the square root is stored instead.
    /// </summary>
    public static void TransformLines(float[] volume, int start, int width, int stride, int length, double spacing, bool takeRoot, EnvelopeScratch scratch)
    {
        var tile = scratch.Tile;
        for (var q = 0; q < length; q++)
        {
            volume.AsSpan(start + (q * stride), width).CopyTo(tile.AsSpan(q * width, width));
        }

        for (var c = 0; c < width; c++)
        {
            Envelope(tile, c, width, length, spacing, scratch);
        }

        for (var q = 0; q < length; q++)
        {
            var source = tile.AsSpan(q * width, width);
            var target = volume.AsSpan(start + (q * stride), width);
            if (takeRoot)
            {
                for (var c = 0; c < source.Length; c++)
                {
                    target[c] = MathF.Sqrt(source[c]);
                }
            }
            else
            {
                source.CopyTo(target);
            }
        }
    }

    /// <summary>
    /// Lower envelope of parabolas (Felzenszwalb–Huttenlocher) on line <paramref name="c"/> of a tile
    /// <paramref name="width"/> lines wide, in place. Intersections are compared cross-multiplied
    /// (no division) in double precision: parabola p's segment starts at
    /// (w(p) − w(p′)) / (2s²(p − p′)) with w(p) = f(p) + s²p² and p′ the parabola before it.
    /// </summary>
    private static void Envelope(float[] tile, int c, int width, int n, double spacing, EnvelopeScratch scratch)
    {
        var v = scratch.Vertices;
        var values = scratch.Values;
        var w = scratch.Weighted;
        var s2 = spacing * spacing;
        var top = -1;
        for (var q = 0; q < n; q++)
        {
            var fq = (double)tile[(q * width) + c];
            if (double.IsPositiveInfinity(fq))
            {
                continue;
            }

            var wq = fq + (s2 * q * q);

            // Pop the top parabola while q's intersection with it lies at or left of its segment's start
            // (the first parabola's segment starts at −∞ and is never popped).
            while (top > 0 && (wq - w[top]) * (v[top] - v[top - 1]) <= (w[top] - w[top - 1]) * (q - v[top]))
            {
                top--;
            }

            top++;
            v[top] = q;
            values[top] = fq;
            w[top] = wq;
        }

        if (top < 0)
        {
            // Every input is +∞, and so is every output: the tile already holds them.
            return;
        }

        // Each parabola s covers q up to the start of the next segment, z = (w(s+1) − w(s)) / (2s²(v(s+1) − v(s))).
        var twoS2 = 2 * s2;
        var q0 = 0;
        for (var segment = 0; segment <= top; segment++)
        {
            var end = n - 1;
            if (segment < top)
            {
                var z = (w[segment + 1] - w[segment]) / (twoS2 * (v[segment + 1] - v[segment]));
                if (z < end)
                {
                    end = (int)Math.Floor(z);
                }
            }

            var p = v[segment];
            var fp = values[segment];
            for (; q0 <= end; q0++)
            {
                var offset = (q0 - p) * spacing;
                tile[(q0 * width) + c] = (float)((offset * offset) + fp);
            }
        }
    }
}
