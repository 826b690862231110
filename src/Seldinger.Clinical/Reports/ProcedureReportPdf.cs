using Seldinger.Clinical.Episodes;
using Seldinger.Planning;

namespace Seldinger.Clinical.Reports;

/// <summary>The procedure report of an episode as a PDF document.</summary>
public static class ProcedureReportPdf
{
    /// <summary>Renders the report; unsigned records carry a "DRAFT" watermark.</summary>
    /// <returns>The PDF file's bytes.</returns>
    public static byte[] Render(Episode episode, ProcedureDefinition procedure, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(options);
        throw new NotSupportedException("The procedure report is not drawn yet.");
    }
}
