using Seldinger.Clinical;

namespace Seldinger.Server.Security.Internal;

/// <summary>Records each call of an endpoint after its handler ran, with the status code it answers.</summary>
internal sealed class AuditedEndpointFilter(string resourceType) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failed = ex is BadHttpRequestException bad ? bad.StatusCode
                : ex is ClinicalValidationException ? StatusCodes.Status400BadRequest
                : StatusCodes.Status500InternalServerError;
            await RecordAsync(http, failed, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await RecordAsync(http, StatusOf(result, http), http.RequestAborted).ConfigureAwait(false);
        return result;
    }

    private async Task RecordAsync(HttpContext http, int status, CancellationToken ct)
    {
        var trail = http.RequestServices.GetRequiredService<AuditTrail>();
        await trail.RecordAsync(
            AuditedResource.ActionOf(http.Request.Method, status), resourceType, AuditedResource.ResourceIdOf(http), patientId: null,
            detail: "", statusCode: status, userName: null, ct).ConfigureAwait(false);
    }

    /// <summary>The status the result will answer: typed results say it, unions wrap one, anything else is the response's.</summary>
    internal static int StatusOf(object? result, HttpContext http)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result switch
        {
            IStatusCodeHttpResult { StatusCode: { } code } => code,
            IResult => http.Response.StatusCode,
            null => http.Response.StatusCode,
            _ => StatusCodes.Status200OK,
        };
    }
}
