using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Planning;

namespace Seldinger.Server.Endpoints;

/// <summary>
/// /api/procedures: the procedure catalogue and one procedure. The shipped catalogue, or the file named by the
/// setting <c>Seldinger:ProcedureCatalogue</c> (read and validated on each request, so edits show at once).
/// </summary>
public static class ProcedureEndpoints
{
    /// <summary>The setting naming a catalogue file that replaces the shipped one.</summary>
    public const string CatalogueSetting = "Seldinger:ProcedureCatalogue";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapProcedureEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/procedures").WithTags("Procedures").RequireAuthorization();
        group.MapGet("/", List).WithName("ListProcedures")
            .WithSummary("The procedure catalogue: version, sources and every procedure (guidance, targets, margins, constraints, objectives, devices, SIR 2019 bleeding risk, phantom cases).");
        group.MapGet("/{id}", Get).WithName("GetProcedure").WithSummary("One procedure of the catalogue by id (e.g. biopsy-deep).");
        return routes;
    }

    private static Results<Ok<ProcedureCatalogue>, ProblemHttpResult> List(IConfiguration configuration) =>
        TryLoad(configuration, out var catalogue, out var problem) ? TypedResults.Ok(catalogue) : problem;

    private static Results<Ok<ProcedureDefinition>, ProblemHttpResult> Get(string id, IConfiguration configuration)
    {
        if (!TryLoad(configuration, out var catalogue, out var problem))
        {
            return problem;
        }

        return catalogue.Find(id) is { } procedure
            ? TypedResults.Ok(procedure)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Procedure not found",
                detail: $"No procedure has id '{id}'; valid ids: {string.Join(", ", catalogue.Procedures.Select(p => p.Id))}.");
    }

    private static bool TryLoad(IConfiguration configuration, out ProcedureCatalogue catalogue, out ProblemHttpResult problem)
    {
        var path = configuration[CatalogueSetting];
        problem = null!;
        try
        {
            catalogue = string.IsNullOrWhiteSpace(path) ? ProcedureCatalogue.Default : ProcedureCatalogue.Load(path);
            return true;
        }
        catch (Exception ex) when (ex is ProcedureCatalogueException or IOException or UnauthorizedAccessException)
        {
            catalogue = null!;
            problem = TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Procedure catalogue invalid",
                detail: ex.Message);
            return false;
        }
    }
}
