using Seldinger.Server.Endpoints.Clinical.Internal;
using Seldinger.Server.Security;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>Maps the clinical API: patients, referrals, scheduling, preparation, procedure, recovery and follow-up.</summary>
public static class ClinicalEndpoints
{
    /// <summary>Maps every clinical endpoint group under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapClinicalEndpoints(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var api = routes.MapGroup("/api");
        PatientEndpoints.Map(api);
        ReferralEndpoints.Map(api);
        SchedulingEndpoints.Map(api);
        PreparationEndpoints.Map(api);
        ProcedureRecordEndpoints.Map(api);
        RecoveryEndpoints.Map(api);
        FollowUpEndpoints.Map(api);
        return routes;
    }

    /// <summary>
    /// A query value naming an enum member the way the JSON spells it (<c>awaitingReview</c>), case-insensitively;
    /// null when absent, a 400 naming <paramref name="field"/> when it names no member.
    /// </summary>
    internal static T? QueryEnum<T>(string? value, string field)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed
        : throw new Seldinger.Clinical.ClinicalValidationException(
            field, $"'{value}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");

    /// <summary>
    /// Audits the endpoints as <paramref name="resourceType"/> (one row per request, with the child the services name)
    /// and answers the services' refusals as problems (400, 403, 404, 409).
    /// </summary>
    internal static TBuilder AuditedClinical<TBuilder>(this TBuilder builder, string resourceType)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Audited(resourceType).AddEndpointFilter(new ClinicalProblemFilter());
}
