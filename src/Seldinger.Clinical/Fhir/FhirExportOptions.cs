using Seldinger.Clinical.Episodes;

namespace Seldinger.Clinical.Fhir;

/// <summary>
/// Choices of the receiving site that the episode itself does not carry: the identifier system of its
/// medical record numbers, the bundle's timestamp and an optional PDF of the procedure report.
/// </summary>
public sealed class FhirExportOptions
{
    /// <summary>
    /// The identifier system (a URI) of the hospital's medical record numbers, written as
    /// Patient.identifier.system. Every hospital has its own; the default is a placeholder URN.
    /// </summary>
    public string MrnSystem { get; init; } = "urn:seldinger:fhir:mrn";

    /// <summary>
    /// Bundle.timestamp. Left empty the bundle carries none, so the same episode always gives the same
    /// bytes (an exporter that wants the time of export passes it here).
    /// </summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>
    /// Renders the signed procedure report as a PDF for DiagnosticReport.presentedForm; null, or a
    /// delegate that returns null, leaves the PDF out.
    /// </summary>
    public Func<Episode, byte[]?>? ReportPdf { get; init; }

    /// <summary>The defaults: placeholder MRN system, no timestamp, no PDF.</summary>
    public static FhirExportOptions Default { get; } = new();
}
