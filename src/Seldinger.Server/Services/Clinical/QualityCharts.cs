using System.Globalization;
using Seldinger.Clinical.Quality;

namespace Seldinger.Server.Services.Clinical;

/// <summary>The quality dashboard's charts, rendered on the server as PNG (ScottPlot).</summary>
public static class QualityCharts
{
    /// <summary>The chart names <see cref="Render"/> knows, as they appear in the URL.</summary>
    public static IReadOnlyList<string> Names { get; } = ["volumes", "adverse-events", "days-to-procedure", "same-day-discharge"];

    /// <summary>The PNG of chart <paramref name="name"/>, or null when there is no such chart.</summary>
    public static byte[]? Render(string name, QualityReport report, int width = 900, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new ScottPlot.Plot();
        switch (name)
        {
            case "volumes":
                Bars(plot, [.. report.VolumesByProcedure.Select(v => (v.Key, (double)v.Value))], rotate: true);
                plot.Title("Procedures");
                plot.YLabel("procedures");
                break;
            case "adverse-events":
                Bars(plot, [.. report.AdverseEventsByCirseGrade.Select(g => ("CIRSE " + ((int)g.Key + 1).ToString(CultureInfo.InvariantCulture), (double)g.Value))], rotate: false);
                plot.Title("Adverse events by CIRSE grade");
                plot.YLabel("events");
                break;
            case "days-to-procedure":
                Bars(plot, Histogram(report.DaysReferralToProcedureValues), rotate: false);
                plot.Title("Days from referral to procedure");
                plot.YLabel("procedures");
                break;
            case "same-day-discharge":
                Bars(plot, [.. report.SameDayDischargeByWeek.Select(w => ("week of " + w.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (w.Value.Rate ?? 0) * 100))], rotate: false);
                plot.Title("Same-day discharge");
                plot.YLabel("% of discharges");
                break;
            default:
                return null;
        }

        return plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
    }

    private static void Bars(ScottPlot.Plot plot, List<(string Label, double Value)> bars, bool rotate)
    {
        if (bars.Count == 0)
        {
            plot.Add.Annotation("No procedures in the period");
            return;
        }

        plot.Add.Bars(bars.Select(b => b.Value).ToArray());
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, bars.Count).Select(i => (double)i)], [.. bars.Select(b => b.Label)]);
        if (rotate)
        {
            // Procedure ids are long: slanted labels need room below the axis.
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 190;
            plot.Axes.Right.MinimumSize = 90;
        }

        // Counts are whole numbers; so are the ticks.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

        plot.Axes.Margins(bottom: 0);
    }

    // Bins of one day up to two weeks, then one week, then "later", so a few long waits do not flatten the rest.
    private static List<(string Label, double Value)> Histogram(IReadOnlyList<int> days)
    {
        if (days.Count == 0)
        {
            return [];
        }

        var bins = new List<(int From, int To, string Label)>();
        for (var d = 0; d < 14; d++)
        {
            bins.Add((d, d, d.ToString(CultureInfo.InvariantCulture)));
        }

        for (var w = 14; w < 56; w += 7)
        {
            bins.Add((w, w + 6, $"{w}–{w + 6}"));
        }

        bins.Add((56, int.MaxValue, "56+"));
        var last = bins.FindLastIndex(b => days.Any(d => d >= b.From && d <= b.To));
        return [.. bins.Take(last + 1).Select(b => (b.Label, (double)days.Count(d => d >= b.From && d <= b.To)))];
    }
}
