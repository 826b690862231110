using System.Text;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Reports;
using Seldinger.Clinical.Tests.Instructions;
using Seldinger.Planning;

namespace Seldinger.Clinical.Tests.Reports;

public class ProcedureReportPdfTests
{
    private static readonly ProcedureDefinition Biopsy = ProcedureCatalogue.LoadDefault().Find("biopsy-deep")!;
    private static readonly ReportOptions Options = new() { InstitutionName = "Hospital Infantil Universitario Niño Jesús", TimeZone = SampleEpisodes.Madrid };

    [SkippableFact]
    public void Render_SignedLiverBiopsy_TextReadsBackWithValuesAndAccents()
    {
        Skip.IfNot(PdfProbe.Available, PdfProbe.MissingMessage);
        var path = PdfProbe.Save("procedure-report.pdf", ProcedureReportPdf.Render(WithLabsAndEvent(), Biopsy, Options));

        var text = Normalise(PdfProbe.Text(path));
        Assert.Contains("Hospital Infantil Universitario Niño Jesús", text, StringComparison.Ordinal);
        Assert.Contains("Lucía Núñez Peña", text, StringComparison.Ordinal);
        Assert.Contains("MRN-004711", text, StringComparison.Ordinal);
        Assert.Contains("2020-05-14", text, StringComparison.Ordinal);
        Assert.Contains("6 years", text, StringComparison.Ordinal);
        Assert.Contains("21.3 kg", text, StringComparison.Ordinal);
        Assert.Contains("Masa de 2,4 cm en el lóbulo hepático derecho", text, StringComparison.Ordinal);
        Assert.Contains("dr.oncology (Oncología)", text, StringComparison.Ordinal);
        Assert.Contains("10:20 – 10:45 (25 min)", text, StringComparison.Ordinal);
        Assert.Contains("Dra. Inés Ibáñez (primary operator)", text, StringComparison.Ordinal);
        Assert.Contains("1.5 mg", text, StringComparison.Ordinal);
        Assert.Contains("0.07 mg/kg", text, StringComparison.Ordinal);
        Assert.Contains("1.00 mg/kg", text, StringComparison.Ordinal);
        Assert.Contains("42 mL (1.97 mL/kg)", text, StringComparison.Ordinal);
        Assert.Contains("LOT-2291A", text, StringComparison.Ordinal);
        Assert.Contains("187.4 mGy·cm (4 acquisitions)", text, StringComparison.Ordinal);
        Assert.Contains("240 ×10⁹/L", text, StringComparison.Ordinal);
        Assert.Contains("µ-histology", text, StringComparison.Ordinal);
        Assert.Contains("≤ 2 h", text, StringComparison.Ordinal);
        Assert.Contains("Grade 1", text, StringComparison.Ordinal);
        Assert.Contains("Mild", text, StringComparison.Ordinal);
        Assert.Contains("Pathology result call", text, StringComparison.Ordinal);
        Assert.Contains("Result call", text, StringComparison.Ordinal);
        Assert.Contains("General anaesthesia", Normalise(PdfProbe.Text(PdfProbe.Save("procedure-report-ga.pdf", ProcedureReportPdf.Render(SampleEpisodes.LiverBiopsy(SedationLevel.GeneralAnaesthesia), Biopsy, Options)))), StringComparison.Ordinal);
        Assert.Contains("Electronically signed by Dra. Inés Ibáñez on 2026-12-03 11:00.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of ", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Render_Unsigned_DraftWatermarkAndSignatureLine()
    {
        Skip.IfNot(PdfProbe.Available, PdfProbe.MissingMessage);
        var path = PdfProbe.Save("procedure-report-draft.pdf", ProcedureReportPdf.Render(SampleEpisodes.LiverBiopsy(signed: false), Biopsy, Options));
        var text = PdfProbe.Text(path);
        Assert.Contains("DRAFT", text, StringComparison.Ordinal);
        Assert.Contains("Not signed: this report is a draft.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Electronically signed", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Render_PageOne_NonBlankPng()
    {
        Skip.IfNot(PdfProbe.Available, PdfProbe.MissingMessage);
        var path = PdfProbe.Save("procedure-report-page1.pdf", ProcedureReportPdf.Render(WithLabsAndEvent(), Biopsy, Options));
        var png = PdfProbe.RenderFirstPage(path);
        var (width, height, ink) = PngInk.Measure(png);
        Assert.InRange(width, 400, 430); // A4 at 50 dpi: 413 × 585 px
        Assert.InRange(height, 570, 600);
        Assert.InRange(ink, 0.01, 0.5);
    }

    [SkippableFact]
    public void Render_ManyFollowUps_PagesNumberedNofM()
    {
        Skip.IfNot(PdfProbe.Available, PdfProbe.MissingMessage);
        var episode = SampleEpisodes.LiverBiopsy();
        var many = Enumerable.Range(1, 60).Select(i => new FollowUpTask { ReferralId = episode.Referral.Id, Kind = FollowUpKind.ClinicVisit, Description = $"Clinic visit {i}", Due = new DateOnly(2026, 12, 7).AddDays(i) }).ToList();
        var long_ = new Episode { Patient = episode.Patient, Referral = episode.Referral, Appointment = episode.Appointment, Procedure = episode.Procedure, FollowUps = many };
        var path = PdfProbe.Save("procedure-report-long.pdf", ProcedureReportPdf.Render(long_, Biopsy, Options));
        var pages = PdfProbe.PageCount(path);
        Assert.True(pages >= 2, $"{pages} page(s)");
        var text = PdfProbe.Text(path);
        Assert.Contains($"Page 1 of {pages}", text, StringComparison.Ordinal);
        Assert.Contains($"Page {pages} of {pages}", text, StringComparison.Ordinal);
        Assert.Contains("Clinic visit 60", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Always_StartsWithPdfHeaderAndEndsWithEof()
    {
        Skip.IfNot(Directory.Exists(ReportOptions.DefaultFontDirectory));
        var pdf = ProcedureReportPdf.Render(SampleEpisodes.LiverBiopsy(), Biopsy, Options);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.EndsWith("%%EOF", Encoding.ASCII.GetString(pdf, pdf.Length - 8, 8).TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FontsMissing_ClearError()
    {
        var ex = Assert.Throws<FileNotFoundException>(() =>
            ProcedureReportPdf.Render(SampleEpisodes.LiverBiopsy(), Biopsy, Options with { FontDirectory = "/nonexistent/fonts" }));
        Assert.Contains("DejaVuSans.ttf", ex.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-dejavu-core", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoProcedureRecord_RefusedNamingTheField()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() =>
            ProcedureReportPdf.Render(SampleEpisodes.LiverBiopsy(withRecord: false), Biopsy, Options));
        Assert.Contains("procedure", ex.Errors.Keys);
    }

    private static Episode WithLabsAndEvent()
    {
        var episode = SampleEpisodes.LiverBiopsy();
        var at = SampleEpisodes.ThursdayTen.AddMinutes(-45);
        return new Episode
        {
            Patient = episode.Patient,
            Referral = episode.Referral,
            Appointment = episode.Appointment,
            Room = episode.Room,
            Procedure = episode.Procedure,
            Discharge = episode.Discharge,
            FollowUps = episode.FollowUps,
            Labs =
            [
                new LabResult { PatientId = episode.Patient.Id, Test = LabTest.Inr, Value = 1.1, CollectedAt = at },
                new LabResult { PatientId = episode.Patient.Id, Test = LabTest.Platelets, Value = 240, CollectedAt = at },
            ],
            AdverseEvents = [SampleEpisodes.MinorBleed(episode.Referral.Id)],
        };
    }

    // pdftotext -layout pads columns with runs of spaces; one space is enough to compare.
    private static string Normalise(string text) => System.Text.RegularExpressions.Regex.Replace(text, "[ \t]+", " ");
}
