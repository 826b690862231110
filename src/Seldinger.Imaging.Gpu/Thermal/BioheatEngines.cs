using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Gpu.Internal;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Imaging.Gpu.Thermal;

/// <summary>Picks the bioheat engine for a <see cref="ComputeDevice"/> choice.</summary>
public static class BioheatEngines
{
    /// <summary>
    /// <see cref="ComputeDevice.Cpu"/>: a <see cref="CpuBioheatEngine"/> on every core. <see cref="ComputeDevice.Gpu"/>: the
    /// first CUDA device. <see cref="ComputeDevice.Auto"/>: the first CUDA device when there is one, else the CPU engine.
    /// ILGPU's CPU accelerator is never chosen. Dispose the result when it is <see cref="IDisposable"/> (a GPU engine owns
    /// its device context).
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="ComputeDevice.Gpu"/> and no CUDA device could be opened.</exception>
    public static IBioheatEngine Create(ComputeDevice device) => device switch
    {
        ComputeDevice.Cpu => new CpuBioheatEngine(),
        ComputeDevice.Gpu => TryCreateCuda(out var reason) ?? throw new InvalidOperationException($"No CUDA GPU is available ({reason}); use --device cpu or auto."),
        ComputeDevice.Auto => (IBioheatEngine?)TryCreateCuda(out _) ?? new CpuBioheatEngine(),
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, "Unknown compute device."),
    };

    /// <summary>An engine on the first CUDA device, or null (with the reason) when there is none.</summary>
    public static GpuBioheatEngine? TryCreateCuda(out string reason) => CudaAccelerators.TryCreate(GpuBioheatEngine.Owning, out reason);
}
