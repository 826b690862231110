using ILGPU.Runtime;
using Seldinger.Imaging.Filters;

namespace Seldinger.Imaging.Gpu.Tests;

public class DistanceTransformEnginesTests
{
    [Theory]
    [InlineData("cpu", ComputeDevice.Cpu)]
    [InlineData("GPU", ComputeDevice.Gpu)]
    [InlineData(" auto ", ComputeDevice.Auto)]
    public void Parse_KnownNames(string text, ComputeDevice expected) => Assert.Equal(expected, ComputeDevices.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("cuda")]
    [InlineData("opencl")]
    public void Parse_OtherText_ThrowsArgumentException(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ComputeDevices.Parse(text));
        Assert.Contains("cpu, gpu or auto", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Cpu_IsTheCpuEngine() => Assert.Same(CpuDistanceTransformEngine.Instance, DistanceTransformEngines.Create(ComputeDevice.Cpu));

    [Fact]
    public void Create_Auto_IsCudaOrTheCpuEngine_NeverIlgpusCpuAccelerator()
    {
        var engine = DistanceTransformEngines.Create(ComputeDevice.Auto);
        try
        {
            if (engine is GpuDistanceTransformEngine gpu)
            {
                Assert.Equal(AcceleratorType.Cuda, gpu.Accelerator.AcceleratorType);
            }
            else
            {
                Assert.Same(CpuDistanceTransformEngine.Instance, engine);
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
        using var probe = DistanceTransformEngines.TryCreateCuda(out var reason);
        if (probe is null)
        {
            Assert.NotEmpty(reason);
            var e = Assert.Throws<InvalidOperationException>(() => DistanceTransformEngines.Create(ComputeDevice.Gpu));
            Assert.Contains("No CUDA GPU", e.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(AcceleratorType.Cuda, probe.Accelerator.AcceleratorType);
        }
    }
}
