using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Fhir;
using Seldinger.Clinical.Security;
using Seldinger.Server.Endpoints.Clinical.Internal;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>
/// FHIR R4 export: an episode as a collection Bundle and the CodeSystem of IR adverse-event grades, both as
/// <c>application/fhir+json</c>.
/// </summary>
public static class FhirEndpoints
{
    /// <summary>The FHIR JSON media type.</summary>
    public const string FhirJsonContentType = "application/fhir+json";

    /// <summary>Maps <c>GET /api/referrals/{id}/fhir</c> and <c>GET /api/fhir/CodeSystem/ir-adverse-event-grade</c>.</summary>
    public static IEndpointRouteBuilder MapFhirEndpoints(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var episodes = routes.MapGroup("/api/referrals/{id:guid}").WithTags("FHIR").AuditsReferralPatient();
        episodes.AddEndpointFilter<ClinicalProblemFilter>();
        episodes.MapGet("/fhir", BundleAsync).RequireAction(StaffAction.ReadReports).Audited("fhir", "export")
            .WithName("EpisodeFhirBundle").WithSummary("The episode as a FHIR R4 Bundle (type collection).")
            .Produces(200, contentType: FhirJsonContentType).ProducesProblem(400).ProducesProblem(404);
        routes.MapGet("/api/fhir/CodeSystem/" + IrAdverseEventCodeSystem.Id, CodeSystem).RequireAction(StaffAction.ReadReports)
            .WithTags("FHIR").WithName("IrAdverseEventGradeCodeSystem")
            .WithSummary("The CodeSystem of IR adverse-event grades (SIR 2017, CIRSE 2017).")
            .Produces(200, contentType: FhirJsonContentType);
        return routes;
    }

    private static async Task<ContentHttpResult> BundleAsync(Guid id, EpisodeService episodes, AuditTrail audit, CancellationToken ct)
    {
        var episode = await episodes.LoadAsync(id, ct);
        var procedure = episodes.ProcedureOf(episode, required: false);
        var bundle = EpisodeBundleBuilder.Build(episode, procedure, FhirExportOptions.Default);
        await audit.RecordAsync("export", "fhir", id.ToString(), episode.Patient.Id, "FHIR R4 bundle", ct);
        return TypedResults.Text(FhirJson.Serialize(bundle), FhirJsonContentType);
    }

    private static ContentHttpResult CodeSystem() =>
        TypedResults.Text(FhirJson.Serialize(IrAdverseEventCodeSystem.Create()), FhirJsonContentType);
}
