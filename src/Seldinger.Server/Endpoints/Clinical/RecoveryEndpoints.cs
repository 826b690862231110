using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>Recovery: vital signs, the discharge criteria and discharge.</summary>
public static class RecoveryEndpoints
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/referrals/{id:guid}").WithTags("Recovery").AuditsReferralPatient();
        group.MapGet("/vitals", VitalsAsync).RequireAction(StaffAction.ReadPatients).AuditedClinical("vitals").WithName("ListVitalSigns")
            .WithSummary("The vital signs of the episode, oldest first.").ProducesProblem(404);
        group.MapPost("/vitals", AddVitalsAsync).RequireAction(StaffAction.RecordRecovery).AuditedClinical("vitals").WithName("AddVitalSigns")
            .WithSummary("Records a set of observations (impossible values are refused).").ProducesProblem(400).ProducesProblem(404);
        group.MapGet("/discharge-criteria", CriteriaAsync).RequireAction(StaffAction.ReadPatients).AuditedClinical("discharge-criteria")
            .WithName("GetDischargeCriteria").WithSummary("The discharge criteria now: met or not, each item, the earliest discharge time.")
            .ProducesProblem(404);
        group.MapPost("/discharge", DischargeAsync).RequireAction(StaffAction.RecordRecovery).AuditedClinical("discharge").WithName("Discharge")
            .WithSummary("Discharges the child (same-day home needs the criteria met or a physician's override reason; admission needs a reason) "
                + "and completes the referral.")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<List<VitalSigns>>> VitalsAsync(Guid id, RecoveryService recovery, CancellationToken ct) =>
        TypedResults.Ok(await recovery.VitalsAsync(id, ct));

    private static async Task<Created<VitalSigns>> AddVitalsAsync(Guid id, VitalSignsRequest request, RecoveryService recovery, CancellationToken ct) =>
        TypedResults.Created($"/api/referrals/{id}/vitals", await recovery.AddVitalsAsync(id, request, ct));

    private static async Task<Ok<DischargeAssessment>> CriteriaAsync(Guid id, EpisodeService episodes, CancellationToken ct) =>
        TypedResults.Ok(await episodes.DischargeCriteriaAsync(id, ct));

    private static async Task<Created<DischargeRecord>> DischargeAsync(Guid id, DischargeRequest request, RecoveryService recovery, CancellationToken ct) =>
        TypedResults.Created($"/api/referrals/{id}/episode", await recovery.DischargeAsync(id, request, ct));
}
