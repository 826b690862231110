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
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<AuditedResource>() is not { } audited)
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var scope = new AuditScope(audited);
        http.Features.Set(scope);
        var services = http.RequestServices;
        // The exception handler clears the endpoint and route values before it answers a failure: keep them.
        var request = new Request(endpoint, new RouteValueDictionary(http.Request.RouteValues),
            services.GetRequiredService<AuditTrail>(), services.GetRequiredService<StorageOptions>(), services.GetRequiredService<SliceAuditCoalescer>());
        http.Response.OnStarting(() => WriteAsync(http, scope, request, ""));
        http.Response.OnCompleted(() => WriteAsync(http, scope, request, "no answer sent"));
        await next(http).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext http, AuditScope scope, Request request, string note)
    {
        if (!scope.TryClaim())
        {
            return;
        }

        var status = http.Response.StatusCode;
        var routePatient = scope.Facts.Any(f => f.PatientId is not null) ? null : await RoutePatientAsync(request).ConfigureAwait(false);
        var fact = scope.Compose(http.Request.Method, status, AuditedResource.ResourceIdOf(request.RouteValues), routePatient);
        if (note.Length > 0)
        {
            fact = fact with { Detail = fact.Detail.Length > 0 ? $"{fact.Detail}; {note}" : note };
        }

        var row = request.Trail.Row(http, fact, scope.Denial?.Status ?? status, userName: null);
        if (request.Endpoint.Metadata.GetMetadata<AuditCoalesced>() is { } coalesced
            && scope.Denial is null && status is >= 200 and < 300 && note.Length == 0 && row.Action == "read")
        {
            int? slice = coalesced.SliceRouteValue is { } name && int.TryParse(request.RouteValues[name]?.ToString(), out var n) ? n : null;
            if (await request.Coalescer.TryCountAsync(row, slice).ConfigureAwait(false))
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

        await request.Trail.AppendAsync(row, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The child of the record the route names (<see cref="AuditPatientRoute"/>), when it exists.</summary>
    private static async Task<Guid?> RoutePatientAsync(Request request)
    {
        if (request.Endpoint.Metadata.GetMetadata<AuditPatientRoute>() is not { } route
            || !request.RouteValues.TryGetValue(route.RouteValue, out var value)
            || !Guid.TryParse(value?.ToString(), out var id))
        {
            return null;
        }

        await using var db = SeldingerDbContextFactory.Create(request.Storage);
        return route.Subject switch
        {
            AuditRouteSubject.Referral => await db.Referrals.AsNoTracking().Where(r => r.Id == id).Select(r => (Guid?)r.PatientId)
                .FirstOrDefaultAsync().ConfigureAwait(false),
            _ => await db.Patients.AsNoTracking().AnyAsync(p => p.Id == id).ConfigureAwait(false) ? id : null,
        };
    }

    /// <summary>What the row needs of the request, taken when it began.</summary>
    private sealed record Request(
        Endpoint Endpoint, RouteValueDictionary RouteValues, AuditTrail Trail, StorageOptions Storage, SliceAuditCoalescer Coalescer);
}
