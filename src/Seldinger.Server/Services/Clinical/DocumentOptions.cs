using Seldinger.Clinical.Instructions;
using Seldinger.Clinical.Reports;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// Site settings of the documents (configuration section <c>Seldinger:Documents</c>): institution name,
/// the service's telephone number printed on family sheets, the service's time zone and the font directory.
/// </summary>
public sealed record DocumentOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Seldinger:Documents";

    /// <summary>Institution name in every PDF header (<c>InstitutionName</c>).</summary>
    public string InstitutionName { get; init; } = "";

    /// <summary>The IR service's telephone number on family sheets (<c>ServicePhone</c>); required for them.</summary>
    public string ServicePhone { get; init; } = "";

    /// <summary>The service's name as families know it (<c>ServiceName</c>); empty for the language's default.</summary>
    public string ServiceName { get; init; } = "";

    /// <summary>
    /// IANA time zone of the service, e.g. "Europe/Madrid"; UTC when empty. <c>Read</c> takes it from the service's
    /// one zone (<see cref="SiteTimeOptions"/>: <c>Seldinger:Service:TimeZone</c>, else this section's <c>TimeZone</c>).
    /// </summary>
    public string TimeZone { get; init; } = "";

    /// <summary>Directory with DejaVu Sans (<c>FontDirectory</c>).</summary>
    public string FontDirectory { get; init; } = ReportOptions.DefaultFontDirectory;

    /// <summary>Reads the section; an unknown time zone is refused at start, not on the first document.</summary>
    public static DocumentOptions Read(IConfiguration configuration) => Read(configuration, SiteTimeOptions.Read(configuration));

    /// <summary>Reads the section with the service's zone already read.</summary>
    public static DocumentOptions Read(IConfiguration configuration, SiteTimeOptions site)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(site);
        var section = configuration.GetSection(Section);
        var options = new DocumentOptions
        {
            InstitutionName = section["InstitutionName"] ?? "",
            ServicePhone = section["ServicePhone"] ?? "",
            ServiceName = section["ServiceName"] ?? "",
            TimeZone = site.TimeZone,
            FontDirectory = section["FontDirectory"] is { Length: > 0 } fonts ? fonts : ReportOptions.DefaultFontDirectory,
        };
        _ = options.Zone();
        return options;
    }

    /// <summary>The time zone, UTC when none is set.</summary>
    /// <exception cref="InvalidOperationException">The configured zone is unknown.</exception>
    public TimeZoneInfo Zone()
    {
        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)
            ? zone
            : throw new InvalidOperationException($"{SiteTimeOptions.Key} '{TimeZone}' is not a known time zone (use an IANA name such as Europe/Madrid).");
    }

    /// <summary>The library's report options.</summary>
    public ReportOptions ToReportOptions() => new() { InstitutionName = InstitutionName, FontDirectory = FontDirectory, TimeZone = Zone() };

    /// <summary>The library's instruction options.</summary>
    public InstructionOptions ToInstructionOptions() => new() { ServicePhone = ServicePhone, ServiceName = ServiceName, TimeZone = Zone() };
}
