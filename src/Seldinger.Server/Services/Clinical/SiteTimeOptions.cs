using Seldinger.Clinical.Scheduling;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// The service's time zone (configuration key <c>Seldinger:Service:TimeZone</c>, an IANA name such as Europe/Madrid;
/// UTC when empty): the clinical pages show and read times in it, the schedule's days and hours are its days and
/// hours, and the PDF documents print in it. <c>Seldinger:Documents:TimeZone</c>, the older key, is read when the
/// new one is empty; setting both to different zones is refused.
/// </summary>
public sealed record SiteTimeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Seldinger:Service";

    /// <summary>The full key of the zone.</summary>
    public const string Key = Section + ":TimeZone";

    /// <summary>The older key, kept working.</summary>
    public const string DocumentsKey = DocumentOptions.Section + ":TimeZone";

    /// <summary>The zone's name as configured (empty for UTC).</summary>
    public string TimeZone { get; init; } = "";

    /// <summary>Which key <see cref="TimeZone"/> came from (for messages).</summary>
    public string Source { get; init; } = Key;

    /// <summary>The site's clock.</summary>
    public SiteTime Clock { get; init; } = SiteTime.Utc;

    /// <summary>Reads and checks the zone; an unknown zone stops the server at start with the key and value named.</summary>
    /// <exception cref="InvalidOperationException">The zone is unknown, or the two keys name different zones.</exception>
    public static SiteTimeOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var service = configuration[Key]?.Trim() ?? "";
        var documents = configuration[DocumentsKey]?.Trim() ?? "";
        if (service.Length > 0 && documents.Length > 0 && !string.Equals(service, documents, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{Key} is '{service}' but {DocumentsKey} is '{documents}': the service has one time zone; set {Key} only.");
        }

        var (name, source) = service.Length > 0 ? (service, Key) : (documents, documents.Length > 0 ? DocumentsKey : Key);
        return new SiteTimeOptions { TimeZone = name, Source = source, Clock = SiteTime.FromId(name, source) };
    }
}
