using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts;
using Seldinger.Server.Security;
using Seldinger.Server.Services;

namespace Seldinger.Server.Endpoints;

/// <summary>
/// Ablation planning: the device library, ablation plans on a case (stored like every plan), and a stored plan's zone
/// and margin maps, overlay on the series' planes and zone surfaces.
/// </summary>
public static class AblationEndpoints
{
    /// <summary>Response header holding the overlay's legend (JSON list of layer, label, colour, style).</summary>
    public const string LegendHeader = "X-Overlay-Legend";

    /// <summary>JSON for the ablation answers: web defaults with enums by name.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAblationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/ablation/devices", Devices).WithTags("Ablation").WithName("ListAblationDevices").RequireAuthorization()
            .WithSummary("The ablation device library: devices with their zone tables (power/time or freeze–thaw protocols, zones, isotherms, "
                + "sources and verify flags), the citations, and the default device of each ablation procedure.");
        routes.MapPost("/api/cases/{caseId:guid}/ablation-plans", PlanAsync).WithTags("Ablation").WithName("CreateAblationPlan").RequireAction(StaffAction.ReadImages).RequireAction(StaffAction.PlanProcedures).Audited("ablation-plan")
            .WithSummary("Plans an ablation on the case (body: procedureId, deviceId?, settingId?, probeCount?, maxProbes?, model? table|bioheat, "
                + "marginMm?, manualProbes?) and stores it with its zone maps; answers the stored plan. 400 names the invalid field; 422 when planning is not possible.");

        var plans = routes.MapGroup("/api/plans/{planId:guid}/ablation").WithTags("Ablation").RequireAction(StaffAction.ReadImages).Audited("ablation-plan");
        plans.MapGet("/overlay/{kind}.png", OverlayAsync).WithName("GetAblationOverlayPng")
            .WithSummary("The plan's zone on a standard plane of its series as an RGBA PNG on the reslice endpoint's pixel grid (index=, pixel=): "
                + "layers=zone,isotherms,margin,achieved (default zone,isotherms). Legend in the X-Overlay-Legend header, plane in X-Slice-Plane.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        plans.MapGet("/meshes.glb", MeshesAsync).WithName("GetAblationMeshes")
            .WithSummary("The zone and isotherm surfaces as binary glTF, nodes zone and isotherm-<°C>.")
            .Produces(StatusCodes.Status200OK, contentType: "model/gltf-binary");
        plans.MapGet("/zone.nrrd", ZoneAsync).WithName("GetAblationZoneNrrd")
            .WithSummary("The zone map as a uint8 NRRD on the label map's grid: bit 0 lethal, bit n the n-th isotherm.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        plans.MapGet("/margin.nrrd", MarginAsync).WithName("GetAblationMarginNrrd")
            .WithSummary("The ablative margin map as a float32 NRRD (mm, positive inside the zone, NaN outside the tumor).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        plans.MapPost("/confirm", ConfirmAsync).WithName("ConfirmAblation").RequireAction(StaffAction.PlanProcedures)
            .WithSummary("Confirms the ablation on a post-ablation CT: body {postSeriesUid} (an imported series) or {simulate: {rotationDeg, translationMm, seed}} "
                + "(synthesised from the plan's zone). Registers it to the planning CT, segments the zone and measures the achieved margin; kept with the plan "
                + "and drawn as the overlay's achieved layer.");
        plans.MapGet("/confirmation", ConfirmationAsync).WithName("GetAblationConfirmation")
            .WithSummary("The plan's last confirmation; 404 when it has none.");
        return routes;
    }

    private static Task<Results<JsonHttpResult<AblationConfirmationDto>, ProblemHttpResult>> ConfirmAsync(
        Guid planId, AblationConfirmRequest? request, AblationConfirmationService confirmations, CancellationToken ct) =>
        PlanEndpoints.GuardAsync<JsonHttpResult<AblationConfirmationDto>>(async () =>
            TypedResults.Json(await confirmations.ConfirmAsync(planId, request, ct), Json));

    private static Task<Results<JsonHttpResult<AblationConfirmationDto>, ProblemHttpResult>> ConfirmationAsync(
        Guid planId, AblationConfirmationService confirmations, CancellationToken ct) =>
        PlanEndpoints.GuardAsync<JsonHttpResult<AblationConfirmationDto>>(async () =>
            TypedResults.Json(await confirmations.LastAsync(planId, ct), Json));

    private static Results<JsonHttpResult<AblationDevicesDto>, ProblemHttpResult> Devices(AblationPlanService ablation) =>
        PlanEndpoints.Guard(() => TypedResults.Json(ablation.Devices(), Json));

    private static Task<Results<Created<StoredPlanDto>, ProblemHttpResult>> PlanAsync(
        Guid caseId, AblationPlanRequest? request, AblationPlanService ablation, CancellationToken ct) =>
        PlanEndpoints.GuardAsync<Created<StoredPlanDto>>(async () =>
            await ablation.PlanAsync(caseId, request, ct) is { } stored
                ? TypedResults.Created($"/api/plans/{stored.Id}", stored)
                : throw new ViewRequestException($"No case has id {caseId}.", StatusCodes.Status404NotFound));

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> OverlayAsync(
        Guid planId, string kind, int? index, double? pixel, string? layers, AblationPlanService ablation, HttpContext http, CancellationToken ct) =>
        PlanEndpoints.GuardAsync<FileContentHttpResult>(async () =>
        {
            var (image, plane) = await ablation.OverlayAsync(planId, kind, index, pixel, layers, ct);
            http.Response.Headers[LegendHeader] = JsonSerializer.Serialize(image.Legend, Json);
            http.Response.Headers[ViewEndpoints.PlaneHeader] = JsonSerializer.Serialize(plane, Json);
            return TypedResults.File(image.Png, "image/png");
        });

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> MeshesAsync(Guid planId, AblationPlanService ablation, CancellationToken ct) =>
        PlanEndpoints.GuardAsync<FileContentHttpResult>(async () =>
            TypedResults.File(await ablation.MeshesAsync(planId, ct), "model/gltf-binary", $"plan-{planId}-ablation.glb"));

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ZoneAsync(Guid planId, AblationPlanService ablation, CancellationToken ct) =>
        PlanEndpoints.GuardAsync<FileContentHttpResult>(async () =>
            TypedResults.File(await File.ReadAllBytesAsync(await ablation.FilePathAsync(planId, margin: false, ct), ct), "application/octet-stream", $"plan-{planId}-zone.nrrd"));

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> MarginAsync(Guid planId, AblationPlanService ablation, CancellationToken ct) =>
        PlanEndpoints.GuardAsync<FileContentHttpResult>(async () =>
            TypedResults.File(await File.ReadAllBytesAsync(await ablation.FilePathAsync(planId, margin: true, ct), ct), "application/octet-stream", $"plan-{planId}-margin.nrrd"));
}
