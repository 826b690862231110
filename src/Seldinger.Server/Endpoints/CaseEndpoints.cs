using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Security;
using Seldinger.Imaging.Geometry;
using Seldinger.Server.Contracts;
using Seldinger.Server.Security;
using Seldinger.Server.Services;
using Seldinger.Storage;

namespace Seldinger.Server.Endpoints;

/// <summary>/api/cases: the case list, one case, and its needle plan.</summary>
public static class CaseEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cases").WithTags("Cases").RequireAction(StaffAction.ReadImages).Audited("case");
        group.MapGet("/", ListAsync).WithName("ListCases").WithSummary("Lists cases, newest first.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCase").WithSummary("A case with its series geometry, target and latest plan.");
        group.MapGet("/{id:guid}/plan", GetPlanAsync).WithName("GetPlan").WithSummary("The latest needle plan of a case.");
        group.MapPost("/{id:guid}/plan", PlanAsync).WithName("PlanCase").RequireAction(StaffAction.PlanProcedures)
            .WithSummary("Plans a needle path automatically, or evaluates a given entry, and stores it.");
        return routes;
    }

    private static async Task<Ok<List<CaseSummaryDto>>> ListAsync(CaseQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(ct));

    private static async Task<Results<Ok<CaseDetailDto>, ProblemHttpResult>> GetAsync(Guid id, CaseQueries queries, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : CaseNotFound(id);

    private static async Task<Results<Ok<PlanDto>, ProblemHttpResult>> GetPlanAsync(Guid id, SeldingerDbContext db, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == id, ct))
        {
            return CaseNotFound(id);
        }

        var plans = await db.NeedlePlans.AsNoTracking().Where(p => p.CaseId == id).ToListAsync(ct);
        var latest = plans.OrderBy(p => p.CreatedAt).LastOrDefault();
        return latest is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No plan yet",
                detail: $"Case {id} has no needle plan; POST to this URL to make one.")
            : TypedResults.Ok(CaseMapper.ToPlan(latest));
    }

    private static async Task<Results<Ok<PlanDto>, ProblemHttpResult>> PlanAsync(
        Guid id, PlanRequest? request, CasePlanningService planner, CancellationToken ct)
    {
        if (request is { Entry: null, Target: not null })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Entry missing",
                detail: "A target without an entry cannot be evaluated; send an entry, or an empty body for automatic planning.");
        }

        if (request?.Entry is { } e && !IsFinite(e) || request?.Target is { } t && !IsFinite(t))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid point",
                detail: "Points must have finite x, y and z in millimetres.");
        }

        try
        {
            var record = await planner.PlanAsync(id, ToWorld(request?.Entry), ToWorld(request?.Target), ct);
            return record is null ? CaseNotFound(id) : TypedResults.Ok(CaseMapper.ToPlan(record));
        }
        catch (PlanningUnavailableException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Planning not possible", detail: ex.Message);
        }
    }

    private static bool IsFinite(PointDto p) => double.IsFinite(p.X) && double.IsFinite(p.Y) && double.IsFinite(p.Z);

    private static WorldPoint? ToWorld(PointDto? p) => p is null ? null : new WorldPoint(p.X, p.Y, p.Z);

    private static ProblemHttpResult CaseNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Case not found", detail: $"No case has id {id}.");
}
