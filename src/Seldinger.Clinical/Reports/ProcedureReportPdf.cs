using System.Globalization;
using PdfSharp.Drawing;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Reports.Internal;
using Seldinger.Planning;

namespace Seldinger.Clinical.Reports;

/// <summary>The procedure report of an episode as a PDF document (A4, DejaVu Sans embedded).</summary>
public static class ProcedureReportPdf
{
    private static readonly double[] TwoColumns = [0.28, 0.72];
    private static readonly double[] SedationColumns = [0.26, 0.14, 0.16, 0.12, 0.32];
    private static readonly double[] DeviceColumns = [0.34, 0.2, 0.16, 0.3];
    private static readonly double[] EventColumns = [0.14, 0.38, 0.16, 0.12, 0.2];
    private static readonly double[] FollowUpColumns = [0.16, 0.16, 0.52, 0.16];

    /// <summary>
    /// Renders the report: patient, referral, procedure, sedation (mg and mg/kg), contrast (mL and
    /// mL/kg), devices, radiation dose, findings, specimens, outcome, adverse events (SIR and CIRSE),
    /// discharge, follow-up and the signature; an unsigned record carries a "DRAFT" watermark.
    /// </summary>
    /// <returns>The PDF file's bytes.</returns>
    /// <exception cref="ClinicalValidationException">The episode has no procedure record.</exception>
    /// <exception cref="FileNotFoundException">The fonts are missing from <see cref="ReportOptions.FontDirectory"/>.</exception>
    public static byte[] Render(Episode episode, ProcedureDefinition procedure, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(options);
        var record = episode.Procedure
            ?? throw new ClinicalValidationException("procedure", "There is no procedure record to report yet.");
        var family = DejaVuFontResolver.FamilyFor(options.FontDirectory);
        var patient = episode.Patient;
        var tz = options.TimeZone;
        var day = record.StartedAt ?? episode.Appointment?.Start ?? DateTimeOffset.UtcNow;
        var dayLocal = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(day, tz).DateTime);
        var weight = record.WeightKg ?? patient.LatestMeasurement(day)?.WeightKg;
        var signed = record.SignedBy is { Length: > 0 } && record.SignedAt is not null;

        using var flow = new PageFlow(family, 9.5, $"Procedure report — {patient.DisplayName}", (g, box) => Header(g, box, family, options.InstitutionName, patient.DisplayName, patient.MedicalRecordNumber));
        flow.Paragraph("Interventional radiology procedure report", flow.Font(15, XFontStyleEx.Bold));
        flow.Paragraph(procedure.Name, flow.Font(12));
        flow.Space(4);

        flow.Heading("Patient", 11.5);
        Pair(flow, "Name", patient.DisplayName);
        Pair(flow, "MRN", patient.MedicalRecordNumber);
        Pair(flow, "Birth date", Date(patient.BirthDate));
        Pair(flow, "Age", Age(patient, dayLocal));
        Pair(flow, "Sex", PageFlow.Humanize(patient.Sex.ToString()));
        Pair(flow, "Weight", weight is { } kg ? $"{Num(kg, "0.0")} kg" : "not recorded");
        if (patient.Allergies.Count > 0)
        {
            Pair(flow, "Allergies", string.Join("; ", patient.Allergies.Select(a => a.Reaction.Length > 0 ? $"{a.Substance} ({a.Severity}, {a.Reaction})" : $"{a.Substance} ({a.Severity})")));
        }

        var referral = episode.Referral;
        flow.Heading("Referral", 11.5);
        Pair(flow, "Reason", referral.Reason);
        if (referral.Request.Length > 0)
        {
            Pair(flow, "Request", referral.Request);
        }

        Pair(flow, "Referrer", referral.ReferringService.Length > 0 ? $"{referral.ReferringClinician} ({referral.ReferringService})" : referral.ReferringClinician);
        Pair(flow, "Submitted", DateTime(referral.SubmittedAt, tz));
        if (referral.Priority is { } priority)
        {
            Pair(flow, "Priority", PageFlow.Humanize(priority.ToString()));
        }

        flow.Heading("Procedure", 11.5);
        Pair(flow, "Procedure", procedure.Name);
        Pair(flow, "Date", Date(dayLocal));
        Pair(flow, "Times", Times(record.StartedAt, record.EndedAt, tz));
        if (episode.Room is { } room)
        {
            Pair(flow, "Room", room.Name);
        }

        Pair(flow, "Operators", record.Operators.Count == 0 ? "not recorded" : string.Join("; ", record.Operators.Select(o => $"{o.Name} ({o.Role})")));
        Pair(flow, "Guidance", (record.Guidance ?? referral.Guidance) is { } guidance ? Guidance(guidance) : "not recorded");
        Pair(flow, "Time-out", record.TimeOut.CompletedAt is { } timeOut
            ? $"{(record.TimeOut.AllConfirmed ? "all items confirmed" : "incomplete")}, {DateTime(timeOut, tz)}{(record.TimeOut.CompletedBy is { } by ? " by " + by : "")}"
            : "not recorded");

        var labs = episode.Labs.GroupBy(l => l.Test).Select(g => g.MaxBy(l => l.CollectedAt)!).OrderBy(l => l.Test).ToList();
        if (labs.Count > 0)
        {
            flow.Heading("Pre-procedure laboratory", 11.5);
            foreach (var lab in labs)
            {
                Pair(flow, LabName(lab.Test), $"{LabValue(lab)} ({DateTime(lab.CollectedAt, tz)})");
            }
        }

        flow.Heading("Sedation", 11.5);
        Pair(flow, "Level given", record.SedationGiven is { } level ? PageFlow.Humanize(level.ToString()) : "not recorded");
        if (record.SedationDoses.Count > 0)
        {
            flow.Row(["Drug", "Dose", "Dose/kg", "Route", "Time"], SedationColumns, flow.Bold);
            foreach (var dose in record.SedationDoses.OrderBy(d => d.At))
            {
                flow.Row(
                    [dose.Drug, $"{Num(dose.DoseMg, "0.##")} mg", weight is > 0 and var w ? $"{Num(dose.DoseMg / w, "0.00")} mg/kg" : "—", dose.Route, Time(dose.At, tz)],
                    SedationColumns);
            }
        }

        flow.Heading("Contrast", 11.5);
        Pair(flow, "Contrast", record.ContrastMl is { } ml
            ? $"{(record.ContrastAgent.Length > 0 ? record.ContrastAgent + ", " : "")}{Num(ml, "0.#")} mL{(weight is > 0 and var kgc ? $" ({Num(ml / kgc, "0.00")} mL/kg)" : "")}"
            : "none recorded");

        flow.Heading("Devices", 11.5);
        if (record.Devices.Count == 0)
        {
            flow.Paragraph("None recorded.");
        }
        else
        {
            flow.Row(["Device", "Manufacturer", "Lot", "UDI"], DeviceColumns, flow.Bold);
            foreach (var device in record.Devices)
            {
                var description = device.Quantity > 1 ? $"{device.Description} × {device.Quantity}" : device.Description;
                flow.Row([description + (device.Implanted ? " (implanted)" : ""), device.Manufacturer, device.Lot, device.Udi], DeviceColumns);
            }
        }

        flow.Heading("Radiation dose", 11.5);
        Pair(flow, "Fluoroscopy time", record.FluoroscopyTimeSeconds is { } seconds ? FluoroTime(seconds) : "not recorded");
        Pair(flow, "Dose-area product", record.DoseAreaProductGyCm2 is { } dap ? $"{Num(dap, "0.###")} Gy·cm²" : "not recorded");
        Pair(flow, "Air kerma (Ka,r)", record.ReferenceAirKermaMGy is { } kar ? $"{Num(kar, "0.#")} mGy" : "not recorded");
        Pair(flow, "CT DLP", record.CtDoseLengthProductMGyCm is { } dlp
            ? $"{Num(dlp, "0.#")} mGy·cm{(record.CtAcquisitions is { } n ? $" ({n} acquisitions)" : "")}"
            : "not recorded");

        flow.Heading("Findings", 11.5);
        flow.Paragraph(record.Findings.Length > 0 ? record.Findings : "None recorded.");
        flow.Heading("Specimens", 11.5);
        flow.Paragraph(record.Specimens.Length > 0 ? record.Specimens : "None.");
        Pair(flow, "Technical outcome", record.Outcome switch
        {
            Procedures.TechnicalOutcome.Success => "Technical success",
            Procedures.TechnicalOutcome.PartialSuccess => "Partial technical success",
            Procedures.TechnicalOutcome.Failure => "Technical failure",
            _ => "not recorded",
        });

        flow.Heading("Adverse events", 11.5);
        if (episode.AdverseEvents.Count == 0)
        {
            flow.Paragraph("No adverse event recorded.");
        }
        else
        {
            flow.Row(["Onset", "Event", "SIR severity", "CIRSE", "Management"], EventColumns, flow.Bold);
            foreach (var adverse in episode.AdverseEvents.OrderBy(a => a.OnsetAt))
            {
                flow.Row(
                    [DateTime(adverse.OnsetAt, tz), adverse.Description + (adverse.SedationRelated ? " (sedation-related)" : ""), Sir(adverse.SirSeverity), Cirse(adverse.CirseGrade), adverse.Management],
                    EventColumns);
            }
        }

        flow.Heading("Discharge", 11.5);
        if (episode.Discharge is { } discharge)
        {
            Pair(flow, "Disposition", discharge.Disposition == Recovery.DischargeDisposition.SameDayHome ? "Home the same day" : $"Admitted{(discharge.AdmissionReason.Length > 0 ? ": " + discharge.AdmissionReason : "")}");
            Pair(flow, "Time", DateTime(discharge.At, tz));
            Pair(flow, "Criteria met", discharge.CriteriaMet ? "yes" : "no");
            if (discharge.ReleasedTo.Length > 0)
            {
                Pair(flow, "Released to", discharge.ReleasedTo);
            }

            if (discharge.InstructionsLanguage is { } language)
            {
                Pair(flow, "Instructions", $"given in {language}");
            }
        }
        else
        {
            flow.Paragraph("Not discharged yet.");
        }

        flow.Heading("Follow-up", 11.5);
        if (episode.FollowUps.Count == 0)
        {
            flow.Paragraph("None planned.");
        }
        else
        {
            flow.Row(["Due", "Kind", "Task", "Status"], FollowUpColumns, flow.Bold);
            foreach (var task in episode.FollowUps.OrderBy(f => f.Due))
            {
                flow.Row([Date(task.Due), PageFlow.Humanize(task.Kind.ToString()), task.Description, PageFlow.Humanize(task.Status.ToString())], FollowUpColumns);
            }
        }

        flow.Space(18);
        if (signed)
        {
            flow.Paragraph($"Electronically signed by {record.SignedBy} on {DateTime(record.SignedAt!.Value, tz)}.", flow.Bold);
        }
        else
        {
            flow.Paragraph("Signature: ______________________________    Date and time: ____________________", flow.Bold);
            flow.Paragraph("Not signed: this report is a draft.", flow.Small);
        }

        var printed = $"{(options.InstitutionName.Length > 0 ? options.InstitutionName + " · " : "")}{patient.DisplayName} · MRN {patient.MedicalRecordNumber}";
        return flow.Finish(signed ? null : "DRAFT", (n, m) => $"Page {n} of {m}", printed);
    }

    private static void Header(XGraphics g, XRect box, string family, string institution, string name, string mrn)
    {
        var bold = new XFont(family, 11, XFontStyleEx.Bold, new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
        var small = new XFont(family, 8.5, XFontStyleEx.Regular, new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
        g.DrawString(institution.Length > 0 ? institution : "Interventional Radiology", bold, XBrushes.Black, box.Left, box.Top, XStringFormats.TopLeft);
        g.DrawString("Interventional Radiology", small, XBrushes.DimGray, box.Left, box.Top + 15, XStringFormats.TopLeft);
        var right = $"{name} · MRN {mrn}";
        g.DrawString(right, small, XBrushes.DimGray, box.Right - g.MeasureString(right, small).Width, box.Top + 2, XStringFormats.TopLeft);
        g.DrawLine(new XPen(XColors.Black, 0.8), box.Left, box.Top + 30, box.Right, box.Top + 30);
    }

    private static void Pair(PageFlow flow, string label, string value) => flow.Row([label, value], TwoColumns);

    private static string Num(double value, string format) => PageFlow.Number(value, format);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DateTime(DateTimeOffset at, TimeZoneInfo tz) =>
        TimeZoneInfo.ConvertTime(at, tz).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at, TimeZoneInfo tz) =>
        TimeZoneInfo.ConvertTime(at, tz).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Times(DateTimeOffset? start, DateTimeOffset? end, TimeZoneInfo tz) => (start, end) switch
    {
        ({ } s, { } e) => $"{Time(s, tz)} – {Time(e, tz)} ({(int)Math.Round((e - s).TotalMinutes)} min)",
        ({ } s, null) => $"started {Time(s, tz)}",
        _ => "not recorded",
    };

    private static string Age(Patients.Patient patient, DateOnly on)
    {
        var years = patient.AgeYearsOn(on);
        return years >= 2 ? $"{years} years" : $"{patient.AgeMonthsOn(on)} months";
    }

    private static string FluoroTime(double seconds)
    {
        var total = (int)Math.Round(seconds);
        return $"{total / 60} min {total % 60:00} s";
    }

    private static string LabName(LabTest test) => test switch
    {
        LabTest.Inr => "INR",
        LabTest.Platelets => "Platelets",
        LabTest.Hemoglobin => "Haemoglobin",
        LabTest.Aptt => "aPTT",
        LabTest.Fibrinogen => "Fibrinogen",
        LabTest.Creatinine => "Creatinine",
        LabTest.Potassium => "Potassium",
        LabTest.Hcg => "hCG",
        _ => test.ToString(),
    };

    private static string LabValue(LabResult lab) => lab.Test switch
    {
        LabTest.Inr => Num(lab.Value, "0.0#"),
        LabTest.Platelets => $"{Num(lab.Value, "0")} ×10⁹/L",
        LabTest.Hemoglobin => $"{Num(lab.Value, "0")} g/L",
        LabTest.Aptt => $"{Num(lab.Value, "0.#")} s",
        LabTest.Fibrinogen => $"{Num(lab.Value, "0.0#")} g/L",
        LabTest.Creatinine => $"{Num(lab.Value, "0")} µmol/L",
        LabTest.Potassium => $"{Num(lab.Value, "0.0")} mmol/L",
        LabTest.Hcg => lab.Value >= 1 ? "positive" : "negative",
        _ => Num(lab.Value, "0.##"),
    };

    private static string Sir(SirSeverity severity) => severity switch
    {
        SirSeverity.Mild => "Mild",
        SirSeverity.Moderate => "Moderate",
        SirSeverity.Severe => "Severe",
        SirSeverity.LifeThreatening => "Life-threatening",
        SirSeverity.Death => "Death",
        _ => severity.ToString(),
    };

    private static string Guidance(GuidanceModality modality) => modality switch
    {
        GuidanceModality.Ct => "CT",
        GuidanceModality.ConeBeamCt => "Cone-beam CT",
        GuidanceModality.Dsa => "DSA",
        _ => PageFlow.Humanize(modality.ToString()),
    };

    private static string Cirse(CirseGrade grade) => "Grade " + ((int)grade + 1).ToString(CultureInfo.InvariantCulture);
}
