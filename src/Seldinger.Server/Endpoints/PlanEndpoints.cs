using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Security;
using Seldinger.Imaging.Segmentation;
using Seldinger.Planning;
using Seldinger.Planning.Plans;
using Seldinger.Server.Contracts;
using Seldinger.Server.Security;
using Seldinger.Server.Services;

namespace Seldinger.Server.Endpoints;

/// <summary>
/// Procedure plans: the procedures a case can be planned for, planning (stored), the stored plans, a re-run that
/// says what changed, the plan as a JSON file and a picture of it.
/// </summary>
public static class PlanEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder routes)
    {
        var cases = routes.MapGroup("/api/cases").WithTags("Plans").RequireAction(StaffAction.ReadImages).Audited("plan");
        cases.MapGet("/{caseId:guid}/procedures", ProceduresAsync).WithName("ListCaseProcedures")
            .WithSummary("The catalogue procedures whose targets occur in the case's labels; suggested marks those its library case was made for.");
        cases.MapPost("/{caseId:guid}/plans", PlanAsync).WithName("CreatePlan").RequireAction(StaffAction.PlanProcedures)
            .WithSummary("Plans a procedure on the case (body: procedureId, target or null for the case's, manualEntry or null to search) and stores it. "
                + "400 names the invalid field (an unknown procedureId lists the valid ids); 422 when planning is not possible, with the planner's reason.");
        cases.MapGet("/{caseId:guid}/plans", ListAsync).WithName("ListPlans")
            .WithSummary("The case's stored plans, newest first, without the plan bodies.");

        var plans = routes.MapGroup("/api/plans").WithTags("Plans").RequireAction(StaffAction.ReadImages).Audited("plan");
        plans.MapGet("/{planId:guid}", GetAsync).WithName("GetStoredPlan")
            .WithSummary("A stored plan: procedure, series, labels and catalogue digests, inputs and the plan.");
        plans.MapPost("/{planId:guid}/rerun", RerunAsync).WithName("RerunPlan").RequireAction(StaffAction.PlanProcedures)
            .WithSummary("Plans again from the stored inputs with the current catalogue and labels (not stored): identical, or the differences in plain words.");
        plans.MapGet("/{planId:guid}/export.json", ExportAsync).WithName("ExportPlanJson")
            .WithSummary("The plan as a JSON file (plan-<id>.json), as stored.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        plans.MapGet("/{planId:guid}/screenshot.png", ScreenshotAsync).WithName("GetPlanScreenshot")
            .WithSummary("A PNG of the plan: for a needle route the plane containing it (size= pixels, default 512) with route, entry and target; "
                + "otherwise the axial slice through the target with the plan's points and polylines.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        plans.MapGet("/{planId:guid}/export-sr.dcm", ExportReportAsync).WithName("ExportPlanStructuredReport")
            .WithSummary("The plan as a DICOM Comprehensive 3D SR in the series' study: routes, target and plan points as SCOORD3D in its frame of reference, "
                + "measurements, clearances and warnings (plan-<id>-sr.dcm).")
            .Produces(StatusCodes.Status200OK, contentType: "application/dicom");
        plans.MapGet("/{planId:guid}/export-seg.dcm", ExportSegmentationAsync).WithName("ExportPlanSegmentation")
            .WithSummary("The label map the plan was made on, as a DICOM SEG (BINARY) of the series (plan-<id>-seg.dcm).")
            .Produces(StatusCodes.Status200OK, contentType: "application/dicom");
        return routes;
    }

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportReportAsync(
        Guid planId, ProcedurePlanService plans, SeriesExports exports, CancellationToken ct) =>
        GuardAsync<FileContentHttpResult>(async () =>
        {
            var record = await plans.FindAsync(planId, ct) ?? throw PlanNotFound(planId);
            var uid = record.SeriesInstanceUid ?? throw NotFound($"Plan {planId} has no series to refer to.");
            var bytes = await exports.PlanReportAsync(uid, ProcedurePlan.FromJson(record.PlanJson), record.CreatedAt, ct)
                ?? throw NotFound($"The series {uid} of plan {planId} is no longer in the store.");
            return TypedResults.File(bytes, "application/dicom", $"plan-{planId}-sr.dcm");
        });

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportSegmentationAsync(
        Guid planId, ProcedurePlanService plans, SeriesExports exports, CancellationToken ct) =>
        GuardAsync<FileContentHttpResult>(async () =>
        {
            var record = await plans.FindAsync(planId, ct) ?? throw PlanNotFound(planId);
            var uid = record.SeriesInstanceUid ?? throw NotFound($"Plan {planId} has no series to refer to.");
            var bytes = await exports.SegmentationAsync(uid, SegmentationType.Binary, ct)
                ?? throw NotFound($"The series {uid} of plan {planId} or its label map is no longer in the store.");
            return TypedResults.File(bytes, "application/dicom", $"plan-{planId}-seg.dcm");
        });

    private static Task<Results<Ok<List<CaseProcedureDto>>, ProblemHttpResult>> ProceduresAsync(
        Guid caseId, ProcedurePlanService plans, CancellationToken ct) =>
        GuardAsync<Ok<List<CaseProcedureDto>>>(async () =>
            await plans.ProceduresAsync(caseId, ct) is { } list ? TypedResults.Ok(list) : throw NotFound($"No case has id {caseId}."));

    private static Task<Results<Created<StoredPlanDto>, ProblemHttpResult>> PlanAsync(
        Guid caseId, CreatePlanRequest? request, ProcedurePlanService plans, CancellationToken ct) =>
        GuardAsync<Created<StoredPlanDto>>(async () =>
            await plans.PlanAsync(caseId, request, ct) is { } stored
                ? TypedResults.Created($"/api/plans/{stored.Id}", stored)
                : throw NotFound($"No case has id {caseId}."));

    private static Task<Results<Ok<List<StoredPlanDto>>, ProblemHttpResult>> ListAsync(
        Guid caseId, ProcedurePlanService plans, CancellationToken ct) =>
        GuardAsync<Ok<List<StoredPlanDto>>>(async () =>
            await plans.ListAsync(caseId, ct) is { } list ? TypedResults.Ok(list) : throw NotFound($"No case has id {caseId}."));

    private static Task<Results<Ok<StoredPlanDto>, ProblemHttpResult>> GetAsync(Guid planId, ProcedurePlanService plans, CancellationToken ct) =>
        GuardAsync<Ok<StoredPlanDto>>(async () =>
            TypedResults.Ok(ProcedurePlanService.ToDto(await plans.FindAsync(planId, ct) ?? throw PlanNotFound(planId), includePlan: true)));

    private static Task<Results<Ok<PlanRerunDto>, ProblemHttpResult>> RerunAsync(Guid planId, ProcedurePlanService plans, CancellationToken ct) =>
        GuardAsync<Ok<PlanRerunDto>>(async () => TypedResults.Ok(await plans.RerunAsync(planId, ct) ?? throw PlanNotFound(planId)));

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(Guid planId, ProcedurePlanService plans, CancellationToken ct) =>
        GuardAsync<FileContentHttpResult>(async () =>
        {
            var record = await plans.FindAsync(planId, ct) ?? throw PlanNotFound(planId);
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(record.PlanJson), "application/json", $"plan-{planId}.json");
        });

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ScreenshotAsync(
        Guid planId, int? size, ProcedurePlanService plans, VolumeCache volumes, CancellationToken ct) =>
        GuardAsync<FileContentHttpResult>(async () =>
        {
            if (size is < 64 or > ViewPlanes.MaxSize)
            {
                throw new RequestFieldException("size", $"size must be from 64 to {ViewPlanes.MaxSize} pixels.");
            }

            var record = await plans.FindAsync(planId, ct) ?? throw PlanNotFound(planId);
            var uid = record.SeriesInstanceUid ?? throw NotFound($"Plan {planId} has no series to draw on.");
            var ctVolume = await volumes.GetHounsfieldAsync(uid, ct) ?? throw NotFound($"The series {uid} of plan {planId} is no longer in the store.");
            var labels = await volumes.GetLabelsAsync(uid, ct);
            var plan = ProcedurePlan.FromJson(record.PlanJson);
            var png = await Task.Run(() => PlanScreenshot.Render(plan, ctVolume, labels, size ?? PlanScreenshot.DefaultSize), ct);
            return TypedResults.File(png, "image/png");
        });

    /// <summary>Runs an endpoint body, answering its request errors as problem details.</summary>
    internal static Results<T, ProblemHttpResult> Guard<T>(Func<T> body)
        where T : IResult
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (AsProblem(ex) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>Runs an endpoint body, answering its request errors as problem details.</summary>
    internal static async Task<Results<T, ProblemHttpResult>> GuardAsync<T>(Func<Task<T>> body)
        where T : IResult
    {
        try
        {
            return await body();
        }
        catch (Exception ex) when (AsProblem(ex) is { } problem)
        {
            return problem;
        }
    }

    private static ProblemHttpResult? AsProblem(Exception ex) => ex switch
    {
        RequestFieldException field => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Invalid {field.Field}",
            detail: field.Message, extensions: new Dictionary<string, object?> { ["field"] = field.Field }),
        ViewRequestException view => TypedResults.Problem(statusCode: view.StatusCode,
            title: view.StatusCode == StatusCodes.Status404NotFound ? "Not found" : "Invalid request", detail: view.Message),
        PlanningException planning => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Planning not possible", detail: planning.Message),
        ProcedureCatalogueException => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError,
            title: "Procedure catalogue invalid", detail: ex.Message),
        _ => null,
    };

    private static ViewRequestException NotFound(string message) => new(message, StatusCodes.Status404NotFound);

    private static ViewRequestException PlanNotFound(Guid planId) => NotFound($"No plan has id {planId}.");
}
