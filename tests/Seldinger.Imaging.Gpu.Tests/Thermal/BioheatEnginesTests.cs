using ILGPU.Runtime;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Gpu.Thermal;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Imaging.Gpu.Tests.Thermal;

public class BioheatEnginesTests
{
    [Fact]
    public void Create_Cpu_IsTheCpuEngine() => Assert.IsType<CpuBioheatEngine>(BioheatEngines.Create(ComputeDevice.Cpu));

    [Fact]
    public void Create_Auto_IsCudaOrTheCpuEngine_NeverIlgpusCpuAccelerator()
    {
        var engine = BioheatEngines.Create(ComputeDevice.Auto);
        try
        {
            if (engine is GpuBioheatEngine gpu)
            {
                Assert.Equal(AcceleratorType.Cuda, gpu.Accelerator.AcceleratorType);
            }
            else
            {
                Assert.IsType<CpuBioheatEngine>(engine);
            }
        }
        finally
        {
            (engine as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void Create_Gpu_IsCudaOrAClearError()
    {
        try
        {
            using var engine = (GpuBioheatEngine)BioheatEngines.Create(ComputeDevice.Gpu);
            Assert.Equal(AcceleratorType.Cuda, engine.Accelerator.AcceleratorType);
        }
        catch (InvalidOperationException e)
        {
            Assert.Contains("No CUDA GPU", e.Message, StringComparison.Ordinal);
        }
    }
}
