using Seldinger.Clinical.Security;
using Seldinger.Server.Security.Internal;

namespace Seldinger.Server.Security;

/// <summary>Protects and audits endpoints and endpoint groups.</summary>
public static class EndpointSecurityExtensions
{
    /// <summary>Only signed-in users whose role may do <paramref name="action"/> reach the endpoints (401 anonymous, 403 otherwise).</summary>
    public static TBuilder RequireAction<TBuilder>(this TBuilder builder, StaffAction action)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(PolicyName(action));
    }

    /// <summary>
    /// Only signed-in users whose role may do at least one of <paramref name="actions"/> reach the endpoints (401
    /// anonymous, 403 otherwise): a named policy, <see cref="PolicyName(StaffAction[])"/>. Which records such a user
    /// then sees (a referrer's own referrals) is the service's check on the record.
    /// </summary>
    public static TBuilder RequireAnyAction<TBuilder>(this TBuilder builder, params StaffAction[] actions)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentOutOfRangeException.ThrowIfLessThan(actions.Length, 1);
        return builder.RequireAuthorization(PolicyName(actions));
    }

    /// <summary>
    /// Audits every request: exactly one row each, written when the answer starts, with what the services said (the
    /// child, the record, the action) and the status; refusals (401/403) are "denied". Without a service's word the
    /// action follows the method (GET read, POST create, PUT/PATCH update, DELETE delete) and the resource id is the
    /// route value "id", else the first Guid route value, else a series "uid". <paramref name="action"/>, when given, is
    /// the action of every request that is not refused (an export is one even when it fails).
    /// </summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string resourceType, string? action = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(resourceType);
        return builder.WithMetadata(new AuditedResource(resourceType, action));
    }

    /// <summary>The route value "id" names a referral: refused and failed requests are audited with its child.</summary>
    internal static TBuilder AuditsReferralPatient<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditPatientRoute(AuditRouteSubject.Referral));

    /// <summary>The route value "id" names the patient: refused and failed requests are audited with it.</summary>
    internal static TBuilder AuditsPatient<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditPatientRoute(AuditRouteSubject.Patient));

    /// <summary>
    /// Coalesces the audit of a series' image endpoint (slice number in route value <paramref name="sliceRouteValue"/>,
    /// when it has one): a user's first image of a series is one row, the further images within five minutes one row
    /// that counts them.
    /// </summary>
    internal static TBuilder AuditedAsSlices<TBuilder>(this TBuilder builder, string? sliceRouteValue = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditCoalesced(sliceRouteValue));

    /// <summary>The authorization policy of <paramref name="action"/>: its name.</summary>
    public static string PolicyName(StaffAction action) => action.ToString();

    /// <summary>The policy admitting any of <paramref name="actions"/>: their names joined with '|' (one action: its own policy).</summary>
    public static string PolicyName(params StaffAction[] actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return string.Join("|", actions.Distinct().Select(a => a.ToString()));
    }

    /// <summary>The actions a policy name stands for (<see cref="PolicyName(StaffAction[])"/>), or null when it names none.</summary>
    public static IReadOnlyList<StaffAction>? ParsePolicyName(string? policyName)
    {
        if (string.IsNullOrEmpty(policyName))
        {
            return null;
        }

        var actions = new List<StaffAction>();
        foreach (var part in policyName.Split('|'))
        {
            if (!Enum.TryParse<StaffAction>(part, ignoreCase: false, out var action) || !Enum.IsDefined(action) || int.TryParse(part, out _))
            {
                return null;
            }

            actions.Add(action);
        }

        return actions;
    }
}
