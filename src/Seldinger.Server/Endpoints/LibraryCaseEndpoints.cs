using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts;
using Seldinger.Server.Security;
using Seldinger.Server.Services;

namespace Seldinger.Server.Endpoints;

/// <summary>/api/library-cases: the phantom library, and a new case generated from one of its cases.</summary>
public static class LibraryCaseEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapLibraryCaseEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/library-cases").WithTags("Library cases").RequireAction(StaffAction.ReadImages).Audited("library-case");
        group.MapGet("/", List).WithName("ListLibraryCases")
            .WithSummary("The phantom library: each case's name, description, the procedures it demonstrates, region, target label and contrast phase.");
        group.MapPost("/", CreateAsync).WithName("CreateLibraryCase").RequireAction(StaffAction.ImportImages)
            .WithSummary("Generates a library case (body: case, ageYears 0–15, size 32–512, default 192), imports its CT series and label map, "
                + "and creates a case with its target, landmarks, weight and age. 400 names the invalid field.");
        return routes;
    }

    private static Results<Ok<IReadOnlyList<LibraryCaseDto>>, ProblemHttpResult> List(LibraryCaseService library) =>
        PlanEndpoints.Guard(() => TypedResults.Ok(library.List()));

    private static async Task<Results<Created<LibraryCaseCreatedDto>, ProblemHttpResult>> CreateAsync(
        CreateLibraryCaseRequest? request, LibraryCaseService library, CancellationToken ct) =>
        await PlanEndpoints.GuardAsync<Created<LibraryCaseCreatedDto>>(async () =>
        {
            if (request is null)
            {
                throw new RequestFieldException("case", "The request needs a JSON body with case (and optionally ageYears and size).");
            }

            var created = await library.CreateAsync(request, cancellationToken: ct);
            return TypedResults.Created($"/api/cases/{created.CaseId}", created);
        });
}
