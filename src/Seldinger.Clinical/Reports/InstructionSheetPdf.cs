using PdfSharp.Drawing;
using Seldinger.Clinical.Instructions;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Reports.Internal;

namespace Seldinger.Clinical.Reports;

/// <summary>A family instruction sheet as a printable PDF in large type (A4, DejaVu Sans embedded).</summary>
public static class InstructionSheetPdf
{
    // Large print for families: 14 pt body and 18 pt headings, well above the 12 pt floor of
    // large-print guidance, so a tired parent can read it at arm's length.
    private const double BodySize = 14;
    private const double HeadingSize = 18;
    private const double TitleSize = 22;

    /// <summary>Renders the sheet, one bullet per paragraph, with "page n of m" in the sheet's language.</summary>
    /// <returns>The PDF file's bytes.</returns>
    /// <exception cref="FileNotFoundException">The fonts are missing from <see cref="ReportOptions.FontDirectory"/>.</exception>
    public static byte[] Render(InstructionSheet sheet, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(options);
        var family = DejaVuFontResolver.FamilyFor(options.FontDirectory);
        var spanish = sheet.Language == FamilyLanguage.Spanish;
        var service = spanish ? "Radiología Intervencionista" : "Interventional Radiology";
        using var flow = new PageFlow(family, BodySize, sheet.Title, (g, box) =>
        {
            var font = new XFont(family, 11, XFontStyleEx.Bold, new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
            var small = new XFont(family, 10, XFontStyleEx.Regular, new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
            g.DrawString(options.InstitutionName.Length > 0 ? options.InstitutionName : service, font, XBrushes.Black, box.Left, box.Top, XStringFormats.TopLeft);
            g.DrawString(service, small, XBrushes.DimGray, box.Right - g.MeasureString(service, small).Width, box.Top + 1, XStringFormats.TopLeft);
            g.DrawLine(new XPen(XColors.Black, 0.8), box.Left, box.Top + 20, box.Right, box.Top + 20);
        });
        flow.Space(-14);
        flow.Paragraph(sheet.Title, flow.Font(TitleSize, XFontStyleEx.Bold));
        foreach (var section in sheet.Sections)
        {
            flow.Heading(section.Heading, HeadingSize);
            foreach (var paragraph in section.Paragraphs)
            {
                flow.Paragraph(paragraph, indent: 18, bullet: "•");
                flow.Space(3);
            }
        }

        return flow.Finish(null, (n, m) => spanish ? $"Página {n} de {m}" : $"Page {n} of {m}", sheet.Title);
    }
}
