using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Gpu.Internal;

namespace Seldinger.Imaging.Gpu;

/// <summary>Picks the distance-transform engine for a <see cref="ComputeDevice"/> choice.</summary>
public static class DistanceTransformEngines
{
    /// <summary>
    /// <see cref="ComputeDevice.Cpu"/>: the CPU engine. <see cref="ComputeDevice.Gpu"/>: the first CUDA
    /// device. <see cref="ComputeDevice.Auto"/>: the first CUDA device when there is one, else the CPU
    /// engine. ILGPU's CPU accelerator is never chosen. Dispose the result when it is
    /// <see cref="IDisposable"/> (a GPU engine owns its device context).
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="ComputeDevice.Gpu"/> and no CUDA device could be opened.</exception>
    public static IDistanceTransformEngine Create(ComputeDevice device)
    {
        switch (device)
        {
            case ComputeDevice.Cpu:
                return CpuDistanceTransformEngine.Instance;
            case ComputeDevice.Gpu:
                return TryCreateCuda(out var reason) ?? throw new InvalidOperationException($"No CUDA GPU is available ({reason}); use --device cpu or auto.");
            case ComputeDevice.Auto:
                return (IDistanceTransformEngine?)TryCreateCuda(out _) ?? CpuDistanceTransformEngine.Instance;
            default:
                throw new ArgumentOutOfRangeException(nameof(device), device, "Unknown compute device.");
        }
    }

    /// <summary>An engine on the first CUDA device, or null (with the reason) when there is none.</summary>
    public static GpuDistanceTransformEngine? TryCreateCuda(out string reason) => CudaAccelerators.TryCreate(GpuDistanceTransformEngine.Owning, out reason);
}
