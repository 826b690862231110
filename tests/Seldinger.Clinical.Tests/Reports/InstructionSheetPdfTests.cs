using System.Text;
using Seldinger.Clinical.Instructions;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Reports;
using Seldinger.Clinical.Tests.Instructions;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Reports;

public class InstructionSheetPdfTests
{
    private static readonly ProcedureCatalogue Catalogue = ProcedureCatalogue.LoadDefault();
    private static readonly InstructionOptions Instructions = new() { TimeZone = SampleEpisodes.Madrid, ServicePhone = "+34 910 000 000" };
    private static readonly ReportOptions Options = new() { InstitutionName = "Hospital Infantil Universitario Niño Jesús", TimeZone = SampleEpisodes.Madrid };

    [SkippableFact]
    public void Render_SpanishBeforeSheet_AccentsAndFastingTimesReadBack()
    {
        Skip.IfNot(PdfProbe.Available, PdfProbe.MissingMessage);
        var sheet = FamilyInstructions.LoadDefault().Compose(SampleEpisodes.LiverBiopsy(), Catalogue.Find("biopsy-deep")!, FamilyLanguage.Spanish, InstructionPhase.Before, Instructions);
        var path = PdfProbe.Save("instructions-es-before.pdf", InstructionSheetPdf.Render(sheet, Options));

        var text = Flatten(PdfProbe.Text(path));
        Assert.Contains("Cómo prepararse para una biopsia", text, StringComparison.Ordinal);
        Assert.Contains("No le dé comida sólida, leche ni fórmula después de las 04:00 del jueves.", text, StringComparison.Ordinal);
        Assert.Contains("Puede tomar líquidos claros hasta las 08:00 del jueves.", text, StringComparison.Ordinal);
        Assert.Contains("Niño Jesús", text, StringComparison.Ordinal);
        Assert.Contains("Página 1 de", text, StringComparison.Ordinal);
        var png = PdfProbe.RenderFirstPage(path);
        Assert.InRange(PngInk.Measure(png).InkFraction, 0.01, 0.5);
    }

    [SkippableFact]
    public void Render_EnglishAfterSheet_LargeTypeOverSeveralPages()
    {
        Skip.IfNot(PdfProbe.Available, PdfProbe.MissingMessage);
        var sheet = FamilyInstructions.LoadDefault().Compose(SampleEpisodes.LiverBiopsy(), Catalogue.Find("gastrostomy")!, FamilyLanguage.English, InstructionPhase.After, Instructions);
        var path = PdfProbe.Save("instructions-en-after.pdf", InstructionSheetPdf.Render(sheet, Options));

        var pages = PdfProbe.PageCount(path);
        Assert.InRange(pages, 1, 4);
        var text = Flatten(PdfProbe.Text(path));
        Assert.Contains("Going home after a G-tube", text, StringComparison.Ordinal);
        Assert.Contains("A fever of 38.5 °C or higher.", text, StringComparison.Ordinal);
        Assert.Contains($"Page {pages} of {pages}", text, StringComparison.Ordinal);
        PdfProbe.RenderFirstPage(path);
    }

    [Fact]
    public void Render_Always_IsAPdfFile()
    {
        Skip.IfNot(Directory.Exists(ReportOptions.DefaultFontDirectory));
        var sheet = new InstructionSheet("Título", FamilyLanguage.Spanish, InstructionPhase.After, [new InstructionSection("Sección", ["Año, niño, µ ≤ 5."])]);
        var pdf = InstructionSheetPdf.Render(sheet, Options);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.EndsWith("%%EOF", Encoding.ASCII.GetString(pdf, pdf.Length - 8, 8).TrimEnd(), StringComparison.Ordinal);
    }

    // Wrapped lines and layout spacing joined back, so a sentence can be found whole.
    private static string Flatten(string text) => System.Text.RegularExpressions.Regex.Replace(text.Replace("•", " ", StringComparison.Ordinal), @"\s+", " ");
}
