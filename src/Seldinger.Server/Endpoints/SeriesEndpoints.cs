using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Seldinger.Imaging.Rendering;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;
using Seldinger.Storage;

namespace Seldinger.Server.Endpoints;

/// <summary>/api/series: series geometry and rendered slices.</summary>
public static class SeriesEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSeriesEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/series").WithTags("Series");
        group.MapGet("/{uid}", GetAsync).WithName("GetSeries").WithSummary("Geometry of a stored series.");
        group.MapGet("/{uid}/slices/{n:int}.png", SliceAsync).WithName("GetSlicePng")
            .WithSummary("Axial slice n (0 = first along the slice normal) as an 8-bit PNG with window/level applied. "
                + "Use preset=soft|bone|lung, or center and width in HU.");
        return routes;
    }

    private static async Task<Results<Ok<SeriesGeometryDto>, ProblemHttpResult>> GetAsync(string uid, SeldingerDbContext db, CancellationToken ct)
    {
        var s = await db.Series.AsNoTracking().SingleOrDefaultAsync(x => x.SeriesInstanceUid == uid, ct);
        return s is null ? SeriesNotFound(uid) : TypedResults.Ok(CaseMapper.ToGeometry(s));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SliceAsync(
        string uid, int n, string? preset, double? center, double? width, VolumeCache volumes, CancellationToken ct)
    {
        WindowLevel window;
        if (center is not null || width is not null)
        {
            if (center is not { } c || width is not { } w || !double.IsFinite(c) || !double.IsFinite(w) || w < 1)
            {
                return BadRequest("Give both center and width (HU), with width ≥ 1.");
            }

            window = new WindowLevel(c, w);
        }
        else
        {
            switch (preset?.ToLowerInvariant())
            {
                case null or "soft" or "soft-tissue": window = WindowLevel.SoftTissue; break;
                case "bone": window = WindowLevel.Bone; break;
                case "lung": window = WindowLevel.Lung; break;
                default: return BadRequest($"Unknown preset '{preset}'; use soft, bone or lung.");
            }
        }

        var volume = await volumes.GetHounsfieldAsync(uid, ct);
        if (volume is null)
        {
            return SeriesNotFound(uid);
        }

        if (n < 0 || n >= volume.Geometry.SizeK)
        {
            return BadRequest($"Slice {n} does not exist; the series has slices 0 to {volume.Geometry.SizeK - 1}.");
        }

        return TypedResults.File(SliceRenderer.RenderAxialPng(volume, n, window), "image/png");
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: detail);

    private static ProblemHttpResult SeriesNotFound(string uid) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Series not found", detail: $"No series has UID {uid}.");
}
