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
/// anisotropic voxels are exact. O(n) per line; lines are processed in parallel. Squared distances
/// are carried in the single-precision output between passes and compared in double precision, so
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

        // Pass 1, along i: distance to the nearest feature in the same row.
        Parallel.For(0, nz, k =>
        {
            for (var j = 0; j < ny; j++)
            {
                var row = (j * nx) + (k * plane);
                var last = -1;
                for (var i = 0; i < nx; i++)
                {
                    if (feature[src[row + i]])
                    {
                        last = i;
                    }

                    d[row + i] = last < 0 ? float.PositiveInfinity : (float)Square((i - last) * sx);
                }

                last = -1;
                for (var i = nx - 1; i >= 0; i--)
                {
                    if (feature[src[row + i]])
                    {
                        last = i;
                    }
                    else if (last >= 0)
                    {
                        var candidate = (float)Square((last - i) * sx);
                        if (candidate < d[row + i])
                        {
                            d[row + i] = candidate;
                        }
                    }
                }
            }
        });

        // Pass 2, along j, within each slice.
        if (ny > 1)
        {
            Parallel.For(0, nz, () => new LineBuffers(ny), (k, _, buffers) =>
            {
                for (var i = 0; i < nx; i++)
                {
                    var start = i + (k * plane);
                    for (var j = 0; j < ny; j++)
                    {
                        buffers.Input[j] = d[start + (j * nx)];
                    }

                    LowerEnvelope(buffers, ny, sy);
                    for (var j = 0; j < ny; j++)
                    {
                        d[start + (j * nx)] = (float)buffers.Output[j];
                    }
                }

                return buffers;
            }, _ => { });
        }

        // Pass 3, along k, then the square root.
        Parallel.For(0, ny, () => new LineBuffers(nz), (j, _, buffers) =>
        {
            for (var i = 0; i < nx; i++)
            {
                var start = i + (j * nx);
                for (var k = 0; k < nz; k++)
                {
                    buffers.Input[k] = d[start + (k * plane)];
                }

                if (nz > 1)
                {
                    LowerEnvelope(buffers, nz, sz);
                }
                else
                {
                    buffers.Output[0] = buffers.Input[0];
                }

                for (var k = 0; k < nz; k++)
                {
                    d[start + (k * plane)] = (float)Math.Sqrt(buffers.Output[k]);
                }
            }

            return buffers;
        }, _ => { });

        return result;
    }

    private static double Square(double value) => value * value;

    /// <summary>
    /// Output[q] = min over p of (spacing·(q − p))² + Input[p], for finite Input[p]
    /// (Felzenszwalb–Huttenlocher lower envelope of parabolas, in index units).
    /// </summary>
    private static void LowerEnvelope(LineBuffers b, int n, double spacing)
    {
        var f = b.Input;
        var v = b.Vertices;
        var z = b.Boundaries;
        var s2 = spacing * spacing;
        var top = -1;
        for (var q = 0; q < n; q++)
        {
            if (double.IsPositiveInfinity(f[q]))
            {
                continue;
            }

            var fq = f[q] + (s2 * q * q);
            if (top < 0)
            {
                top = 0;
                v[0] = q;
                z[0] = double.NegativeInfinity;
                z[1] = double.PositiveInfinity;
                continue;
            }

            // z[0] = −∞, so the first parabola is never popped.
            double intersection;
            while (true)
            {
                var p = v[top];
                intersection = (fq - (f[p] + (s2 * p * p))) / (2 * s2 * (q - p));
                if (intersection > z[top])
                {
                    break;
                }

                top--;
            }

            top++;
            v[top] = q;
            z[top] = intersection;
            z[top + 1] = double.PositiveInfinity;
        }

        var output = b.Output;
        if (top < 0)
        {
            Array.Fill(output, double.PositiveInfinity, 0, n);
            return;
        }

        var segment = 0;
        for (var q = 0; q < n; q++)
        {
            while (z[segment + 1] < q)
            {
                segment++;
            }

            var p = v[segment];
            var offset = (q - p) * spacing;
            output[q] = (offset * offset) + f[p];
        }
    }

    private sealed class LineBuffers(int length)
    {
        public double[] Input { get; } = new double[length];

        public double[] Output { get; } = new double[length];

        public int[] Vertices { get; } = new int[length];

        public double[] Boundaries { get; } = new double[length + 1];
    }
}
