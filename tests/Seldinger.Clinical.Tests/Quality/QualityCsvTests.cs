using Seldinger.Clinical.Quality;

namespace Seldinger.Clinical.Tests.Quality;

public class QualityCsvTests
{
    [Fact]
    public void Write_SmallSet_OneTidyRowPerFigure()
    {
        var report = QualityMetrics.Compute(QualityMetricsTests.SmallSet(), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8));
        var lines = QualityCsv.ToCsv(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("metric,group,value,n", lines[0]);
        Assert.All(lines, l => Assert.Equal(3, l.Count(c => c == ',')));
        Assert.Contains("period,from,2026-03-02,", lines);
        Assert.Contains("procedures,,5,5", lines);
        Assert.Contains("volume,picc,3,5", lines);
        Assert.Contains("volume,biopsy-deep,1,5", lines);
        Assert.Contains("technicalSuccessRate,,0.5,4", lines);
        Assert.Contains("adverseEventRate,,0.6,5", lines);
        Assert.Contains("adverseEventsBySirSeverity,mild,3,5", lines);
        Assert.Contains("adverseEventsBySirSeverity,lifeThreatening,0,5", lines);
        Assert.Contains("adverseEventsByCirseGrade,grade2,1,5", lines);
        Assert.Contains("sedationEvents,,2,4", lines);
        Assert.Contains("sedationEventRate,,0.5,4", lines);
        Assert.Contains("daysReferralToProcedureMedian,,2,5", lines);
        Assert.Contains("daysReferralToProcedureQ3,,7,5", lines);
        Assert.Contains("sameDayDischargeRate,,0.75,4", lines);
        Assert.Contains("sameDayDischargeRateByWeek,2026-03-02,0.75,4", lines);
        Assert.Contains("doseAreaProductMedianGyCm2,picc,3,3", lines);
        Assert.Contains("doseAreaProductP75GyCm2,picc,4,3", lines);
    }

    [Fact]
    public void Write_EmptyPeriod_LeavesValuesWithoutDataEmpty()
    {
        var report = QualityMetrics.Compute([], new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8));
        var csv = QualityCsv.ToCsv(report);
        Assert.Contains("technicalSuccessRate,,,0\n", csv, StringComparison.Ordinal);
        Assert.Contains("daysReferralToProcedureMedian,,,0\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FractionalValue_UsesADotAndNoThousandsSeparator()
    {
        var report = QualityMetrics.Compute(QualityMetricsTests.SmallSet(), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9));
        var csv = QualityCsv.ToCsv(report);
        Assert.Contains("doseAreaProductMedianGyCm2,picc,4,4\n", csv, StringComparison.Ordinal);
        Assert.Contains("doseAreaProductP75GyCm2,picc,16.25,4\n", csv, StringComparison.Ordinal);
    }
}
