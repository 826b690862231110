using Seldinger.Clinical;
using Seldinger.Server.Services.Clinical;
using Seldinger.Storage;

namespace Seldinger.Server.Endpoints.Clinical.Internal;

/// <summary>
/// Answers the clinical services' refusals as problem details: invalid input 400 with field errors, an
/// unknown or hidden record 404, a stale version or a state that refuses the change 409.
/// </summary>
internal sealed class ClinicalProblemFilter : IEndpointFilter
{
    private const string StaleTitle = "Changed by someone else";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ClinicalValidationException ex)
        {
            var errors = ex.Errors.ToDictionary(e => e.Key.Length == 0 ? "request" : e.Key, e => e.Value);
            return TypedResults.ValidationProblem(errors, detail: ex.Message, title: "Invalid clinical input");
        }
        catch (ClinicalNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ex.Message);
        }
        catch (ClinicalForbiddenException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: ex.Message);
        }
        catch (StaleVersionException ex)
        {
            return Stale(ex.Message, ex.CurrentVersion);
        }
        catch (ConcurrencyConflictException ex)
        {
            return Stale($"This {ex.EntityType} was changed by someone else since you opened it; reload.", ex.CurrentVersion);
        }
        catch (ClinicalConflictException ex)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: ex.Title, detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["items"] = ex.Items });
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Stale(string message, int? currentVersion) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: StaleTitle, detail: message,
            extensions: new Dictionary<string, object?> { ["currentVersion"] = currentVersion });
}
