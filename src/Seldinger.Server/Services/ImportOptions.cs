namespace Seldinger.Server.Services;

/// <summary>Limits of <c>POST /api/dicom/import</c>, from configuration section <c>Seldinger:Import</c>.</summary>
public sealed record ImportOptions
{
    /// <summary>The largest request body accepted, all files together (default 2 GiB); larger is answered 413.</summary>
    public long MaxRequestBytes { get; init; } = 2L << 30;

    /// <summary>The largest single file accepted (default 512 MiB); a larger file is refused, the others go on.</summary>
    public long MaxFileBytes { get; init; } = 512L << 20;

    /// <summary>Reads <c>Seldinger:Import:MaxRequestBytes</c> and <c>Seldinger:Import:MaxFileBytes</c>, else the defaults.</summary>
    public static ImportOptions From(IConfiguration? configuration)
    {
        var section = configuration?.GetSection("Seldinger:Import");
        var defaults = new ImportOptions();
        return new ImportOptions
        {
            MaxRequestBytes = section?.GetValue<long?>(nameof(MaxRequestBytes)) ?? defaults.MaxRequestBytes,
            MaxFileBytes = section?.GetValue<long?>(nameof(MaxFileBytes)) ?? defaults.MaxFileBytes,
        };
    }
}
