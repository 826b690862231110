using System.Globalization;
using Seldinger.Clinical.Quality;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Security;
using Seldinger.Server.Endpoints.Clinical.Internal;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;
using Seldinger.Storage;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>The quality dashboard's API: figures as JSON, as CSV and as charts; aggregates only, for users who may read quality.</summary>
public static class QualityEndpoints
{
    /// <summary>Maps <c>GET /api/quality</c>, <c>GET /api/quality.csv</c> and <c>GET /api/quality/charts/{name}.png</c>.</summary>
    public static IEndpointRouteBuilder MapQualityEndpoints(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var api = routes.MapGroup("/api").RequireAction(StaffAction.ReadQuality);
        api.AddEndpointFilter<ClinicalProblemFilter>();

        api.MapGet("/quality", async (DateOnly? from, DateOnly? to, ClinicalStore store, TimeProvider clock, SiteTime site, CancellationToken ct) =>
            TypedResults.Ok(QualityReportDto.Of(await new QualityService(store, clock, site).ReportAsync(from, to, ct).ConfigureAwait(false))))
            .WithName("GetQuality").WithSummary("Quality figures of a period (default: the last 90 days).");

        api.MapGet("/quality.csv", async (DateOnly? from, DateOnly? to, ClinicalStore store, TimeProvider clock, SiteTime site, CancellationToken ct) =>
        {
            var report = await new QualityService(store, clock, site).ReportAsync(from, to, ct).ConfigureAwait(false);
            var name = string.Create(CultureInfo.InvariantCulture, $"quality-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(QualityCsv.ToCsv(report)), "text/csv; charset=utf-8", name);
        }).WithName("GetQualityCsv").WithSummary("The quality figures as one tidy CSV table (metric, group, value, n).");

        api.MapGet("/quality/charts/{name}.png", async Task<IResult> (string name, DateOnly? from, DateOnly? to, ClinicalStore store, TimeProvider clock, SiteTime site, CancellationToken ct) =>
        {
            if (!QualityCharts.Names.Contains(name))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such chart",
                    detail: $"There is no chart '{name}'; the charts are {string.Join(", ", QualityCharts.Names)}.");
            }

            var report = await new QualityService(store, clock, site).ReportAsync(from, to, ct).ConfigureAwait(false);
            return TypedResults.File(QualityCharts.Render(name, report)!, "image/png");
        }).WithName("GetQualityChart").WithSummary("A quality chart as PNG: volumes, adverse-events, days-to-procedure, same-day-discharge.");

        return routes;
    }
}
