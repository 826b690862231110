using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>The day of procedure: the procedure record, its signature, and adverse events.</summary>
public static class ProcedureRecordEndpoints
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/referrals/{id:guid}").WithTags("Procedure").AuditsReferralPatient();
        group.MapGet("/procedure", GetAsync).RequireAction(StaffAction.ReadPatients).AuditedClinical("procedure").WithName("GetProcedureRecord")
            .WithSummary("The procedure record with contrast mL/kg, sedation mg/kg and dose warnings (404 when nothing is recorded).")
            .ProducesProblem(404);
        group.MapPut("/procedure", SaveAsync).RequireAction(StaffAction.RecordProcedure).AuditedClinical("procedure").WithName("SaveProcedureRecord")
            .WithSummary("Records the procedure (time-out, operators, times, devices, contrast, sedation, dose, findings, outcome); "
                + "starting needs a ready checklist and a complete time-out.")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/procedure/sign", SignAsync).RequireAction(StaffAction.SignProcedure).AuditedClinical("procedure").WithName("SignProcedureRecord")
            .WithSummary("Signs the procedure record; it is read-only afterwards.").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        group.MapGet("/adverse-events", ListEventsAsync).RequireAction(StaffAction.ReadPatients).AuditedClinical("adverse-event").WithName("ListAdverseEvents")
            .WithSummary("Adverse events of the episode.").ProducesProblem(404);
        group.MapPost("/adverse-events", AddEventAsync).RequireAction(StaffAction.RecordAdverseEvents).AuditedClinical("adverse-event").WithName("AddAdverseEvent")
            .WithSummary("Records an adverse event with its SIR severity and CIRSE grade.").ProducesProblem(400).ProducesProblem(404);
        group.MapPut("/adverse-events/{eventId:guid}", UpdateEventAsync).RequireAction(StaffAction.RecordAdverseEvents).AuditedClinical("adverse-event")
            .WithName("UpdateAdverseEvent").WithSummary("Changes an adverse event (send the version you read).")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Results<Ok<ProcedureRecordDto>, ProblemHttpResult>> GetAsync(Guid id, ProcedureRecordService procedures, CancellationToken ct) =>
        await procedures.GetAsync(id, ct) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.Problem(statusCode: 404, title: "No procedure recorded", detail: $"Referral {id} has no procedure record yet; PUT one.");

    private static async Task<Ok<ProcedureRecordDto>> SaveAsync(Guid id, ProcedureRecordRequest request, ProcedureRecordService procedures, CancellationToken ct) =>
        TypedResults.Ok(await procedures.SaveAsync(id, request, ct));

    private static async Task<Ok<ProcedureRecordDto>> SignAsync(Guid id, VersionRequest request, ProcedureRecordService procedures, CancellationToken ct) =>
        TypedResults.Ok(await procedures.SignAsync(id, request, ct));

    private static async Task<Ok<List<AdverseEventRecord>>> ListEventsAsync(Guid id, AdverseEventService events, CancellationToken ct) =>
        TypedResults.Ok(await events.ListAsync(id, ct));

    private static async Task<Created<AdverseEventRecord>> AddEventAsync(Guid id, AdverseEventRequest request, AdverseEventService events, CancellationToken ct)
    {
        var record = await events.AddAsync(id, request, ct);
        return TypedResults.Created($"/api/referrals/{id}/adverse-events/{record.Id}", record);
    }

    private static async Task<Ok<AdverseEventRecord>> UpdateEventAsync(
        Guid id, Guid eventId, AdverseEventRequest request, AdverseEventService events, CancellationToken ct) =>
        TypedResults.Ok(await events.UpdateAsync(id, eventId, request, ct));
}
