using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>/api/referrals: submission, the list (a referrer's own only), triage, questions, cancellation and history.</summary>
public static class ReferralEndpoints
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/referrals").WithTags("Referrals").AuditedClinical("referral").AuditsReferralPatient();
        group.MapPost("/", SubmitAsync).RequireAction(StaffAction.SubmitReferrals).WithName("SubmitReferral")
            .WithSummary("Submits a referral; the patient is found by MRN or registered from the demographics given.").ProducesProblem(400);
        group.MapGet("/", ListAsync).RequireAnyAction(StaffAction.ReadAllReferrals, StaffAction.ReadOwnReferrals).WithName("ListReferrals")
            .WithSummary("Referrals, newest first (status filters, mine=true keeps your own); a referring clinician sees only their own.");
        group.MapGet("/{id:guid}", GetAsync).RequireAnyAction(StaffAction.ReadAllReferrals, StaffAction.ReadOwnReferrals).WithName("GetReferral")
            .WithSummary("One referral; 404 for a referring clinician's view of another clinician's referral.").ProducesProblem(404);
        group.MapGet("/{id:guid}/history", HistoryAsync).RequireAnyAction(StaffAction.ReadAllReferrals, StaffAction.ReadOwnReferrals)
            .WithName("GetReferralHistory").WithSummary("Every step of the referral, oldest first.").ProducesProblem(404);
        group.MapPost("/{id:guid}/triage", TriageAsync).RequireAction(StaffAction.TriageReferrals).WithName("TriageReferral")
            .WithSummary("Accepts (procedure, priority, guidance, sedation), declines or asks the referrer a question.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/information", ProvideInformationAsync).RequireAction(StaffAction.SubmitReferrals).WithName("AnswerReferralQuestion")
            .WithSummary("The referrer answers the IR physician's question; the referral returns to review.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/cancel", CancelAsync).RequireAction(StaffAction.SubmitReferrals).WithName("CancelReferral")
            .WithSummary("Cancels the referral (and its booking) with a reason.").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Created<ReferralDto>> SubmitAsync(ReferralRequest request, ReferralService referrals, CancellationToken ct)
    {
        var referral = await referrals.SubmitAsync(request, ct);
        return TypedResults.Created($"/api/referrals/{referral.Id}", referral);
    }

    private static async Task<Ok<List<ReferralDto>>> ListAsync(string? status, bool? mine, ReferralService referrals, CancellationToken ct) =>
        TypedResults.Ok(await referrals.ListAsync(ClinicalEndpoints.QueryEnum<ReferralStatus>(status, "status"), mine ?? false, ct));

    private static async Task<Ok<ReferralDto>> GetAsync(Guid id, ReferralService referrals, CancellationToken ct) =>
        TypedResults.Ok(await referrals.GetAsync(id, ct));

    private static async Task<Ok<List<ReferralEvent>>> HistoryAsync(Guid id, ReferralService referrals, CancellationToken ct) =>
        TypedResults.Ok(await referrals.HistoryAsync(id, ct));

    private static async Task<Ok<ReferralDto>> TriageAsync(Guid id, TriageRequest request, ReferralService referrals, CancellationToken ct) =>
        TypedResults.Ok(await referrals.TriageAsync(id, request, ct));

    private static async Task<Ok<ReferralDto>> ProvideInformationAsync(Guid id, ReferralNoteRequest request, ReferralService referrals, CancellationToken ct) =>
        TypedResults.Ok(await referrals.ProvideInformationAsync(id, request, ct));

    private static async Task<Ok<ReferralDto>> CancelAsync(Guid id, ReferralNoteRequest request, ReferralService referrals, CancellationToken ct) =>
        TypedResults.Ok(await referrals.CancelAsync(id, request, ct));
}
