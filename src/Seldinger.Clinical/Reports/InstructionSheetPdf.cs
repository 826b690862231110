using Seldinger.Clinical.Instructions;

namespace Seldinger.Clinical.Reports;

/// <summary>A family instruction sheet as a printable PDF in large type.</summary>
public static class InstructionSheetPdf
{
    /// <summary>Renders the sheet.</summary>
    /// <returns>The PDF file's bytes.</returns>
    public static byte[] Render(InstructionSheet sheet, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(options);
        throw new NotSupportedException("The family sheet is not drawn yet.");
    }
}
