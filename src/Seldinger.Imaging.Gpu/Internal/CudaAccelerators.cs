using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Seldinger.Imaging.Gpu.Internal;

/// <summary>Opens the first CUDA device for an engine that takes ownership of the context and accelerator.</summary>
internal static class CudaAccelerators
{
    /// <summary>The engine <paramref name="owning"/> builds on the first CUDA device, or null (with the reason) when there is none.</summary>
    public static T? TryCreate<T>(Func<Context, Accelerator, T> owning, out string reason)
        where T : class
    {
        Context? context = null;
        try
        {
            context = Context.Create(builder => builder.Cuda());
            var devices = context.GetCudaDevices();
            if (devices.Count == 0)
            {
                reason = "no CUDA device or driver found";
                context.Dispose();
                return null;
            }

            var accelerator = devices[0].CreateAccelerator(context);
            reason = string.Empty;
            return owning(context, accelerator);
        }
#pragma warning disable CA1031 // A missing or broken driver of any kind means "no GPU" here.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context?.Dispose();
            reason = $"{e.GetType().Name}: {e.Message}";
            return null;
        }
    }
}
