using System.Globalization;

namespace Seldinger.Clinical.Quality;

/// <summary>
/// Writes a <see cref="QualityReport"/> as one tidy CSV table: <c>metric,group,value,n</c>, one figure a row,
/// invariant culture (a dot for decimals), rates as fractions 0–1, an empty value where there is no data.
/// </summary>
public static class QualityCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "metric,group,value,n";

    /// <summary>Writes the report to <paramref name="writer"/> (header first, lines ending in \n).</summary>
    public static void Write(QualityReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header + "\n");
        Row(writer, "period", "from", report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
        Row(writer, "period", "to", report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
        Row(writer, "procedures", "", report.Procedures, report.Procedures);
        foreach (var (id, count) in report.VolumesByProcedure)
        {
            Row(writer, "volume", id, count, report.Procedures);
        }

        Rate(writer, "technicalSuccessRate", "", report.TechnicalSuccess);
        Rate(writer, "adverseEventRate", "", report.AdverseEventRate);
        foreach (var (severity, count) in report.AdverseEventsBySirSeverity)
        {
            Row(writer, "adverseEventsBySirSeverity", Camel(severity.ToString()), count, report.Procedures);
        }

        foreach (var (grade, count) in report.AdverseEventsByCirseGrade)
        {
            Row(writer, "adverseEventsByCirseGrade", Camel(grade.ToString()), count, report.Procedures);
        }

        Row(writer, "sedationEvents", "", report.SedationEvents, report.SedationEventRate.Total);
        Rate(writer, "sedationEventRate", "", report.SedationEventRate);
        Distribution(writer, "daysReferralToProcedure", "", report.DaysReferralToProcedure);
        Rate(writer, "sameDayDischargeRate", "", report.SameDayDischarge);
        foreach (var (monday, rate) in report.SameDayDischargeByWeek)
        {
            Rate(writer, "sameDayDischargeRateByWeek", monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rate);
        }

        foreach (var (id, distribution) in report.DoseAreaProductByProcedure)
        {
            Row(writer, "doseAreaProductMedianGyCm2", id, distribution.Median, distribution.N);
            Row(writer, "doseAreaProductP75GyCm2", id, distribution.Q3, distribution.N);
        }
    }

    /// <summary>The report as CSV text.</summary>
    public static string ToCsv(QualityReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(report, writer);
        return writer.ToString();
    }

    private static void Rate(TextWriter w, string metric, string group, QualityRate rate) => Row(w, metric, group, rate.Rate, rate.Total);

    private static void Distribution(TextWriter w, string metric, string group, QualityDistribution d)
    {
        Row(w, metric + "Median", group, d.Median, d.N);
        Row(w, metric + "Q1", group, d.Q1, d.N);
        Row(w, metric + "Q3", group, d.Q3, d.N);
    }

    private static void Row(TextWriter w, string metric, string group, double? value, int? n) =>
        Row(w, metric, group, value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "", n);

    private static void Row(TextWriter w, string metric, string group, string value, int? n) =>
        w.Write($"{Field(metric)},{Field(group)},{Field(value)},{(n is { } c ? c.ToString(CultureInfo.InvariantCulture) : "")}\n");

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    // RFC 4180 quoting where a field holds a comma, quote or line break.
    private static string Field(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
