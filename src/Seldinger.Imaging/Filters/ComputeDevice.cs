namespace Seldinger.Imaging.Filters;

/// <summary>Where a filter with a GPU implementation runs.</summary>
public enum ComputeDevice
{
    /// <summary>A CUDA GPU when one is present, else the CPU.</summary>
    Auto,

    /// <summary>The CPU implementation.</summary>
    Cpu,

    /// <summary>A CUDA GPU; it is an error when none is present.</summary>
    Gpu,
}

/// <summary>Parsing of the <c>cpu|gpu|auto</c> device option.</summary>
public static class ComputeDevices
{
    /// <summary>Parses <c>cpu</c>, <c>gpu</c> or <c>auto</c> (any case).</summary>
    /// <exception cref="ArgumentException">Any other text.</exception>
    public static ComputeDevice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToUpperInvariant() switch
        {
            "AUTO" => ComputeDevice.Auto,
            "CPU" => ComputeDevice.Cpu,
            "GPU" => ComputeDevice.Gpu,
            _ => throw new ArgumentException($"Unknown device '{text}': expected cpu, gpu or auto.", nameof(text)),
        };
    }
}
