namespace Seldinger.Clinical.Reports;

/// <summary>Site settings of the PDF documents.</summary>
public sealed record ReportOptions
{
    /// <summary>The default font directory (Debian and Ubuntu's fonts-dejavu-core).</summary>
    public const string DefaultFontDirectory = "/usr/share/fonts/truetype/dejavu";

    /// <summary>The institution's name, printed in every page header.</summary>
    public string InstitutionName { get; init; } = "";

    /// <summary>The directory holding DejaVuSans.ttf, DejaVuSans-Bold.ttf and DejaVuSans-Oblique.ttf.</summary>
    public string FontDirectory { get; init; } = DefaultFontDirectory;

    /// <summary>The time zone every date and time is printed in. Default UTC.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}
