using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Seldinger.Storage;

namespace Seldinger.Server.Security.Internal;

/// <summary>
/// Writes exactly one audit row per request to an endpoint or page with <see cref="AuditedResource"/> metadata: it
/// opens the request's <see cref="AuditScope"/> before authentication, and writes the row when the answer starts
/// (so before the client sees it, with the final status), or when the request ends if no answer was started.
/// </summary>
internal sealed class AuditRequestMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditedResource>() is not { } audited)
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var scope = new AuditScope(audited);
        http.Features.Set(scope);
        var services = http.RequestServices;
        var trail = services.GetRequiredService<AuditTrail>();
        var storage = services.GetRequiredService<StorageOptions>();
        http.Response.OnStarting(() => WriteAsync(http, scope, trail, storage, ""));
        http.Response.OnCompleted(() => WriteAsync(http, scope, trail, storage, "no answer sent"));
        await next(http).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext http, AuditScope scope, AuditTrail trail, StorageOptions storage, string note)
    {
        if (!scope.TryClaim())
        {
            return;
        }

        var status = http.Response.StatusCode;
        var routePatient = scope.Facts.Any(f => f.PatientId is not null) ? null : await RoutePatientAsync(http, storage).ConfigureAwait(false);
        var fact = scope.Compose(http.Request.Method, status, AuditedResource.ResourceIdOf(http), routePatient);
        if (note.Length > 0)
        {
            fact = fact with { Detail = fact.Detail.Length > 0 ? $"{fact.Detail}; {note}" : note };
        }

        var row = trail.Row(http, fact, scope.Denial?.Status ?? status, userName: null);
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditCoalesced>() is { } coalesced
            && scope.Denial is null && status is >= 200 and < 300 && note.Length == 0 && row.Action == "read")
        {
            int? slice = coalesced.SliceRouteValue is { } name && int.TryParse(http.Request.RouteValues[name]?.ToString(), out var n) ? n : null;
            var coalescer = http.RequestServices.GetRequiredService<SliceAuditCoalescer>();
            if (await coalescer.TryCountAsync(row, slice).ConfigureAwait(false))
            {
                return;
            }

            var image = slice is { } k ? string.Create(CultureInfo.InvariantCulture, $"slice {k}") : http.Request.QueryString.Value is { Length: > 0 } q ? $"image {q}" : "image";
            row = row with
            {
                Detail = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{image}; this user's further images of the series within {SliceAudit.Window.TotalMinutes:0} min are counted in one later row"),
            };
        }

        await trail.AppendAsync(row, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The child of the record the route names (<see cref="AuditPatientRoute"/>), when it exists.</summary>
    private static async Task<Guid?> RoutePatientAsync(HttpContext http, StorageOptions storage)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditPatientRoute>() is not { } route
            || !http.Request.RouteValues.TryGetValue(route.RouteValue, out var value)
            || !Guid.TryParse(value?.ToString(), out var id))
        {
            return null;
        }

        await using var db = SeldingerDbContextFactory.Create(storage);
        return route.Subject switch
        {
            AuditRouteSubject.Referral => await db.Referrals.AsNoTracking().Where(r => r.Id == id).Select(r => (Guid?)r.PatientId)
                .FirstOrDefaultAsync().ConfigureAwait(false),
            _ => await db.Patients.AsNoTracking().AnyAsync(p => p.Id == id).ConfigureAwait(false) ? id : null,
        };
    }
}
