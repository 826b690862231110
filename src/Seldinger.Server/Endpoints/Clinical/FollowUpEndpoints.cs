using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>Follow-up tasks: the worklist, creation for a referral and completion.</summary>
public static class FollowUpEndpoints
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/follow-ups", WorklistAsync).WithTags("Follow-up").RequireAction(StaffAction.ManageFollowUps).AuditedClinical("follow-up")
            .WithName("FollowUpWorklist").WithSummary("Follow-up tasks due on or before a date (due=YYYY-MM-DD) of a status (open by default).")
            .ProducesProblem(400);
        api.MapPost("/referrals/{id:guid}/follow-ups", CreateAsync).WithTags("Follow-up").RequireAction(StaffAction.ManageFollowUps)
            .AuditedClinical("follow-up").AuditsReferralPatient().WithName("CreateFollowUp").WithSummary("Creates a follow-up task for the referral.")
            .ProducesProblem(400).ProducesProblem(404);
        api.MapPut("/follow-ups/{id:guid}", UpdateAsync).WithTags("Follow-up").RequireAction(StaffAction.ManageFollowUps).AuditedClinical("follow-up")
            .WithName("UpdateFollowUp").WithSummary("Marks a task done or cancelled, moves or reassigns it (send the version you read).")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<List<FollowUpDto>>> WorklistAsync(DateOnly? due, string? status, FollowUpService followUps, CancellationToken ct) =>
        TypedResults.Ok(await followUps.WorklistAsync(due, ClinicalEndpoints.QueryEnum<FollowUpStatus>(status, "status"), ct));

    private static async Task<Created<FollowUpDto>> CreateAsync(Guid id, FollowUpRequest request, FollowUpService followUps, CancellationToken ct)
    {
        var task = await followUps.CreateAsync(id, request, ct);
        return TypedResults.Created($"/api/follow-ups/{task.Id}", task);
    }

    private static async Task<Ok<FollowUpDto>> UpdateAsync(Guid id, FollowUpUpdateRequest request, FollowUpService followUps, CancellationToken ct) =>
        TypedResults.Ok(await followUps.UpdateAsync(id, request, ct));
}
