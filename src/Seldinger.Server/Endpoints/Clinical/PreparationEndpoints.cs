using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Checklists;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>Preparation of a referral: assessment, intakes, consents, the checklist and the whole episode.</summary>
public static class PreparationEndpoints
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/referrals/{id:guid}").WithTags("Preparation").AuditsReferralPatient();
        group.MapGet("/assessment", GetAssessmentAsync).RequireAction(StaffAction.ReadChecklist).AuditedClinical("assessment").WithName("GetAssessment")
            .WithSummary("The pre-procedure assessment (404 when none is recorded yet).").ProducesProblem(404);
        group.MapPut("/assessment", SaveAssessmentAsync).RequireAction(StaffAction.EditPreparation).AuditedClinical("assessment").WithName("SaveAssessment")
            .WithSummary("Records or changes the assessment: ASA, sedation, child life, pregnancy screen, premedication, instructions sent.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/intakes", AddIntakeAsync).RequireAction(StaffAction.EditPreparation).AuditedClinical("intake").WithName("AddIntake")
            .WithSummary("Records the last intake of one kind (fasting).").ProducesProblem(400).ProducesProblem(404);
        group.MapPost("/consents", AddConsentAsync).RequireAction(StaffAction.EditPreparation).AuditedClinical("consent").WithName("AddConsent")
            .WithSummary("Records a consent or the child's assent.").ProducesProblem(400).ProducesProblem(404);
        group.MapGet("/checklist", ChecklistAsync).RequireAction(StaffAction.ReadChecklist).AuditedClinical("checklist").WithName("GetChecklist")
            .WithSummary("The pre-procedure checklist now: ready or not, each item with status, message and source.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/episode", EpisodeAsync).RequireAction(StaffAction.ReadPatients).AuditedClinical("episode").WithName("GetEpisode")
            .WithSummary("Everything of the referral's episode in one call, with the checklist and discharge criteria evaluated now.")
            .ProducesProblem(404);
    }

    private static async Task<Results<Ok<PreProcedureAssessment>, ProblemHttpResult>> GetAssessmentAsync(
        Guid id, PreparationService preparation, CancellationToken ct) =>
        await preparation.GetAssessmentAsync(id, ct) is { } a
            ? TypedResults.Ok(a)
            : TypedResults.Problem(statusCode: 404, title: "No assessment yet", detail: $"Referral {id} has no assessment; PUT one.");

    private static async Task<Ok<PreProcedureAssessment>> SaveAssessmentAsync(Guid id, AssessmentRequest request, PreparationService preparation, CancellationToken ct) =>
        TypedResults.Ok(await preparation.SaveAssessmentAsync(id, request, ct));

    private static async Task<Created<IntakeRecord>> AddIntakeAsync(Guid id, IntakeRequest request, PreparationService preparation, CancellationToken ct) =>
        TypedResults.Created($"/api/referrals/{id}/episode", await preparation.AddIntakeAsync(id, request, ct));

    private static async Task<Created<ConsentRecord>> AddConsentAsync(Guid id, ConsentRequest request, PreparationService preparation, CancellationToken ct) =>
        TypedResults.Created($"/api/referrals/{id}/episode", await preparation.AddConsentAsync(id, request, ct));

    private static async Task<Ok<ChecklistResult>> ChecklistAsync(Guid id, EpisodeService episodes, CancellationToken ct) =>
        TypedResults.Ok(await episodes.ChecklistAsync(id, ct));

    private static async Task<Ok<EpisodeDto>> EpisodeAsync(Guid id, EpisodeService episodes, CancellationToken ct) =>
        TypedResults.Ok(await episodes.SummaryAsync(id, ct));
}
