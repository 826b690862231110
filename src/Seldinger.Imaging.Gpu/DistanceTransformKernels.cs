using ILGPU;

namespace Seldinger.Imaging.Gpu;

/// <summary>
/// One line pass of the separable distance transform on the device: which lines, how long, how far
/// apart their elements are.
/// </summary>
/// <remarks>Line L (counted from <see cref="FirstLine"/>) starts at (L mod <see cref="LinesPerBlock"/>) + (L div <see cref="LinesPerBlock"/>)·<see cref="BlockStride"/>.</remarks>
internal readonly struct LinePass(int firstLine, int linesPerBlock, long blockStride, long stride, int length, int batch, double spacing, bool takeRoot)
{
    public readonly int FirstLine = firstLine;
    public readonly int LinesPerBlock = linesPerBlock;
    public readonly long BlockStride = blockStride;
    public readonly long Stride = stride;
    public readonly int Length = length;

    /// <summary>Lines in this launch: the distance between a line's consecutive scratch entries.</summary>
    public readonly int Batch = batch;

    public readonly double Spacing = spacing;
    public readonly int TakeRoot = takeRoot ? 1 : 0;
}

/// <summary>
/// ILGPU kernels of the exact distance transform. They perform the CPU engine's arithmetic operation
/// for operation (same passes, same parabola tests in double precision, same float rounding between
/// passes), so on ILGPU's CPU accelerator the result is bit for bit the CPU engine's.
/// </summary>
internal static class DistanceTransformKernels
{
    /// <summary>
    /// Pass along i, one thread per row: squared distance (mm²) to the nearest feature in the row, from
    /// the table <paramref name="squares"/> (squares[n] for n voxels, non-decreasing); +∞ for a row without one.
    /// </summary>
    public static void Rows(Index1D row, ArrayView<byte> labels, ArrayView<int> isFeature, ArrayView<float> squares, ArrayView<float> output, int nx)
    {
        var start = (long)row.X * nx;
        var last = -1;
        for (var i = 0; i < nx; i++)
        {
            if (isFeature[(int)labels[start + i]] != 0)
            {
                last = i;
            }

            output[start + i] = last < 0 ? float.PositiveInfinity : squares[i - last];
        }

        var next = -1;
        for (var i = nx - 1; i >= 0; i--)
        {
            if (isFeature[(int)labels[start + i]] != 0)
            {
                next = i;
            }

            if (next >= 0)
            {
                var candidate = squares[next - i];
                if (candidate < output[start + i])
                {
                    output[start + i] = candidate;
                }
            }
        }
    }

    /// <summary>
    /// Lower envelope of parabolas along one line per thread (Felzenszwalb–Huttenlocher), over the line's
    /// finite elements, in place; with <see cref="LinePass.TakeRoot"/> the square root is stored. The
    /// stack lives in the scratch views, entry s of local line l at [s·batch + l].
    /// </summary>
    public static void Envelope(Index1D local, ArrayView<float> data, ArrayView<int> vertices, ArrayView<float> heights, ArrayView<double> weighted, LinePass pass)
    {
        var line = pass.FirstLine + local.X;
        var start = (line % pass.LinesPerBlock) + ((long)(line / pass.LinesPerBlock) * pass.BlockStride);
        var stride = pass.Stride;
        var n = pass.Length;
        var batch = (long)pass.Batch;
        var l = (long)local.X;
        var spacing = pass.Spacing;
        var s2 = spacing * spacing;
        var top = -1;
        for (var q = 0; q < n; q++)
        {
            var f = data[start + (q * stride)];
            if (f == float.PositiveInfinity)
            {
                continue;
            }

            var fq = (double)f;
            var wq = fq + (s2 * q * q);
            while (top > 0)
            {
                var vTop = vertices[(top * batch) + l];
                var vBelow = vertices[((top - 1) * batch) + l];
                var wTop = weighted[(top * batch) + l];
                var wBelow = weighted[((top - 1) * batch) + l];
                if ((wq - wTop) * (double)(vTop - vBelow) <= (wTop - wBelow) * (double)(q - vTop))
                {
                    top--;
                }
                else
                {
                    break;
                }
            }

            top++;
            vertices[(top * batch) + l] = q;
            heights[(top * batch) + l] = f;
            weighted[(top * batch) + l] = wq;
        }

        if (top < 0)
        {
            // Every element is +∞, and so is its square root.
            return;
        }

        var twoS2 = 2 * s2;
        var q0 = 0;
        for (var segment = 0; segment <= top; segment++)
        {
            var end = n - 1;
            var p = vertices[(segment * batch) + l];
            if (segment < top)
            {
                var z = (weighted[((segment + 1) * batch) + l] - weighted[(segment * batch) + l]) / (twoS2 * (double)(vertices[((segment + 1) * batch) + l] - p));
                if (z < end)
                {
                    end = (int)Math.Floor(z);
                }
            }

            var fp = (double)heights[(segment * batch) + l];
            for (; q0 <= end; q0++)
            {
                var offset = (q0 - p) * spacing;
                var value = (float)((offset * offset) + fp);
                data[start + (q0 * stride)] = pass.TakeRoot != 0 ? MathF.Sqrt(value) : value;
            }
        }
    }

    /// <summary>Signed distance: minus the inside distance on feature voxels, the outside distance elsewhere.</summary>
    public static void Combine(Index1D index, ArrayView<byte> labels, ArrayView<int> isFeature, ArrayView<float> outside, ArrayView<float> inside)
    {
        if (isFeature[(int)labels[index]] != 0)
        {
            outside[index] = -inside[index];
        }
    }
}
