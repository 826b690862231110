using ILGPU;
using ILGPU.Runtime;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Gpu;

/// <summary>
/// A label volume held on the device with room for its distance transform: <see cref="Run"/> computes
/// on the device only, <see cref="Download"/> copies the result back. Made by
/// <see cref="GpuDistanceTransformEngine.Upload"/>.
/// </summary>
public sealed class ResidentDistanceTransform : IDisposable
{
    private readonly GpuDistanceTransformEngine _engine;
    private readonly VolumeGeometry _geometry;
    private readonly MemoryBuffer1D<byte, Stride1D.Dense> _labels;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _output;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _squares;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _vertices;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _heights;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _weighted;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _features;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _complement;
    private readonly int _batch;
    private MemoryBuffer1D<float, Stride1D.Dense>? _inside;
    private bool _disposed;

    internal ResidentDistanceTransform(GpuDistanceTransformEngine engine, Volume<byte> labels)
    {
        _engine = engine;
        _geometry = labels.Geometry;
        var accelerator = engine.Accelerator;
        var g = _geometry;
        var count = labels.Voxels.LongLength;
        var maxLength = Math.Max(g.SizeJ, g.SizeK);
        _batch = (int)Math.Clamp(engine.ScratchBytes / (16L * maxLength), 1, Math.Max((long)g.SizeI * g.SizeK, (long)g.SizeI * g.SizeJ));
        var stack = (long)_batch * maxLength;
        try
        {
            _labels = accelerator.Allocate1D(labels.Voxels);
            _output = accelerator.Allocate1D<float>(count);
            var squares = new float[g.SizeI + 1];
            for (var n = 0; n <= g.SizeI; n++)
            {
                var length = n * g.SpacingI;
                squares[n] = (float)(length * length);
            }

            _squares = accelerator.Allocate1D(squares);
            _vertices = accelerator.Allocate1D<int>(stack);
            _heights = accelerator.Allocate1D<float>(stack);
            _weighted = accelerator.Allocate1D<double>(stack);
            _features = accelerator.Allocate1D<int>(256);
            _complement = accelerator.Allocate1D<int>(256);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The grid.</summary>
    public VolumeGeometry Geometry => _geometry;

    /// <summary>
    /// Computes the (signed) distance transform on the device and waits for it to finish.
    /// </summary>
    /// <param name="isFeature">Which labels are features.</param>
    /// <param name="signedDistance">Whether feature voxels get minus their distance to the nearest non-feature voxel.</param>
    public void Run(Func<byte, bool> isFeature, bool signedDistance)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(isFeature);
        var table = new int[256];
        var complement = new int[256];
        for (var v = 0; v < 256; v++)
        {
            table[v] = isFeature((byte)v) ? 1 : 0;
            complement[v] = 1 - table[v];
        }

        _features.CopyFromCPU(table);
        Transform(_features.View, _output.View);
        if (signedDistance)
        {
            _complement.CopyFromCPU(complement);
            _inside ??= _engine.Accelerator.Allocate1D<float>(_output.Length);
            Transform(_complement.View, _inside.View);
            _engine.RunCombine(_labels.View, _features.View, _output.View, _inside.View);
        }

        _engine.Accelerator.Synchronize();
    }

    /// <summary>Copies the last result to the host.</summary>
    public Volume<float> Download()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = new Volume<float>(_geometry);
        _output.CopyToCPU(result.Voxels);
        return result;
    }

    /// <summary>Frees the device buffers.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _labels?.Dispose();
        _output?.Dispose();
        _squares?.Dispose();
        _vertices?.Dispose();
        _heights?.Dispose();
        _weighted?.Dispose();
        _features?.Dispose();
        _complement?.Dispose();
        _inside?.Dispose();
    }

    private void Transform(ArrayView<int> isFeature, ArrayView<float> output)
    {
        var g = _geometry;
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK;
        var plane = (long)nx * ny;
        _engine.RunRows(ny * nz, _labels.View, isFeature, _squares.View, output, nx);
        if (ny > 1)
        {
            _engine.RunEnvelope(output, _vertices.View, _heights.View, _weighted.View, _batch, nx * nz, nx, plane, nx, ny, g.SpacingJ, takeRoot: false);
        }

        _engine.RunEnvelope(output, _vertices.View, _heights.View, _weighted.View, _batch, checked((int)plane), checked((int)plane), 0, plane, nz, g.SpacingK, takeRoot: true);
    }
}
