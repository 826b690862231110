using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Security;
using Seldinger.Imaging.Rendering;
using Seldinger.Imaging.Segmentation;
using Seldinger.Server.Contracts;
using Seldinger.Server.Security;
using Seldinger.Server.Services;
using Seldinger.Storage;

namespace Seldinger.Server.Endpoints;

/// <summary>/api/series: series geometry and rendered slices.</summary>
public static class SeriesEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSeriesEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/series").WithTags("Series").RequireAction(StaffAction.ReadImages).Audited("series");
        group.MapGet("/{uid}", GetAsync).WithName("GetSeries").WithSummary("Geometry of a stored series.");
        group.MapGet("/{uid}/slices/{n:int}.png", SliceAsync).AuditedAsSlices("n").WithName("GetSlicePng")
            .WithSummary("Axial slice n (0 = first along the slice normal) as an 8-bit PNG with window/level applied. "
                + "Use preset=soft|bone|lung, or center and width in HU.");
        group.MapGet("/{uid}/metadata", MetadataAsync).WithName("GetSeriesMetadata")
            .WithSummary("Headers of every instance (no pixel data), sorted along the slice normal, as DICOM JSON (PS3.18 F).")
            .Produces(StatusCodes.Status200OK, contentType: "application/dicom+json");
        group.MapGet("/{uid}/segmentation.dcm", SegmentationAsync).WithName("GetSeriesSegmentation")
            .WithSummary("The series' label map as a DICOM SEG file (type=binary, the default, or labelmap), for 3D Slicer, OHIF and other tools.")
            .Produces(StatusCodes.Status200OK, contentType: "application/dicom");
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> MetadataAsync(string uid, SeriesExports exports, CancellationToken ct) =>
        await exports.MetadataJsonAsync(uid, ct) is { } json ? TypedResults.File(json, "application/dicom+json") : SeriesNotFound(uid);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SegmentationAsync(
        string uid, string? type, SeriesExports exports, CancellationToken ct)
    {
        SegmentationType segType;
        switch (type?.ToLowerInvariant())
        {
            case null or "binary": segType = SegmentationType.Binary; break;
            case "labelmap": segType = SegmentationType.LabelMap; break;
            default: return BadRequest($"Unknown type '{type}'; use binary or labelmap.");
        }

        return await exports.SegmentationAsync(uid, segType, ct) is { } seg
            ? TypedResults.File(seg, "application/dicom", $"{uid}-seg.dcm")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No label map",
                detail: $"Series {uid} is not stored or has no label map.");
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
