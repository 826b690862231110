using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Server.Services;

namespace Seldinger.Server.Endpoints;

/// <summary><c>POST /api/dicom/import</c>: upload DICOM files (multipart/form-data) into the image store.</summary>
public static class ImportEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/dicom/import", ImportAsync).RequireAction(StaffAction.ImportImages).Audited("series")
            .WithTags("DICOM")
            .WithName("ImportDicom")
            .WithSummary("Upload DICOM files (multipart/form-data, one or many parts with a filename) into the image store.")
            .WithDescription("Each file is answered stored, already-stored or refused with a code and reason (not-dicom, corrupt with the byte offset, "
                + "not-image, too-large, duplicate, series-geometry, unsupported); each series with the slices stored and its volume geometry. "
                + "Limits: Seldinger:Import:MaxRequestBytes (default 2 GiB, else 413) and Seldinger:Import:MaxFileBytes (default 512 MiB per file).")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .DisableAntiforgery();
        return routes;
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(HttpContext context, ImportService importer, CancellationToken ct)
    {
        var request = context.Request;
        var limit = importer.Options.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
                detail: "Send the files as multipart/form-data (e.g. curl -F file=@slice1.dcm -F file=@slice2.dcm ...).");
        }

        try
        {
            return TypedResults.Ok(await importer.ImportAsync(request.Body, boundary, ct));
        }
        catch (ImportTooLargeException)
        {
            return TooLarge(limit);
        }
        catch (IOException e) when (!ct.IsCancellationRequested)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
                detail: $"The multipart body is not well-formed: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: e.Message);
        }
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large",
            detail: $"The upload is larger than the {limit} bytes allowed per request (Seldinger:Import:MaxRequestBytes).");
}
