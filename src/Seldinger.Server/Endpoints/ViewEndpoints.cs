using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Seldinger.Clinical.Security;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Meshes;
using Seldinger.Imaging.Rendering;
using Seldinger.Imaging.Resampling;
using Seldinger.Imaging.Reslicing;
using Seldinger.Server.Contracts;
using Seldinger.Server.Security;
using Seldinger.Server.Services;
using Seldinger.Storage;

namespace Seldinger.Server.Endpoints;

/// <summary>
/// /api/series/{uid}: resliced views (standard, oblique, needle-path and probe's-eye planes, thick slabs),
/// label overlays, label statistics and label surface meshes.
/// </summary>
public static class ViewEndpoints
{
    /// <summary>Response header holding the plane geometry of a resliced PNG, as the JSON of <see cref="ViewPlaneDto"/>.</summary>
    public const string PlaneHeader = "X-Slice-Plane";

    /// <summary>Value CT pixels take outside the volume (air).</summary>
    public const double OutsideHu = -1024;

    private const string PlaneHelp = " Planes: axial|coronal|sagittal with index=; oblique with cx,cy,cz (centre) and nx,ny,nz (normal), "
        + "optional ux,uy,uz (screen up); inplane (the plane containing the needle path) and probe (perpendicular to it at depth= mm) "
        + "with case=<id>; size= and pixel= (mm) for the image size.";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapViewEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/series").WithTags("Views").RequireAction(StaffAction.ReadImages).Audited("series");
        group.MapGet("/{uid}/reslice/{kind}.png", ReslicePngAsync).AuditedAsSlices().WithName("GetReslicePng")
            .WithSummary("A resliced CT image as an 8-bit PNG with window/level (preset= or center=&width=), optionally a thick slab "
                + "(slab= mm, mode=mip|minip|mean). The plane geometry is in the X-Slice-Plane header (JSON)." + PlaneHelp)
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        group.MapGet("/{uid}/reslice/{kind}.json", PlaneAsync).WithName("GetReslicePlane")
            .WithSummary("The geometry of a resliced plane: maps its pixels to patient millimetres (LPS)." + PlaneHelp);
        group.MapGet("/{uid}/overlay/{kind}.png", OverlayPngAsync).AuditedAsSlices().WithName("GetLabelOverlayPng")
            .WithSummary("The label map on a plane as an RGBA PNG: each label in its colour, transparent elsewhere; labels=5,8 shows only those."
                + " Same plane parameters as the reslice endpoint; a slab's overlay is its mid-plane." + PlaneHelp)
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        group.MapGet("/{uid}/labels", LabelsAsync).WithName("GetSeriesLabels")
            .WithSummary("The labels of the series' label map: value, name, colour, volume (mL), bounding box, centroid and largest diameter.");
        group.MapGet("/{uid}/meshes.glb", MeshesAsync).WithName("GetLabelMeshes")
            .WithSummary("Smoothed, decimated surface meshes of the labels (labels=5,8 or all) as binary glTF: positions in LPS mm, "
                + "a root node matrix to glTF metres, one node and coloured material per label. Computed once per series and label.")
            .Produces(StatusCodes.Status200OK, contentType: "model/gltf-binary");
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReslicePngAsync(
        string uid, string kind, [AsParameters] ViewQuery query, VolumeCache volumes, SeldingerDbContext db,
        IOptions<JsonOptions> json, HttpContext http, CancellationToken ct)
    {
        try
        {
            var window = ViewPlanes.Window(query);
            var volume = await volumes.GetHounsfieldAsync(uid, ct) ?? throw SeriesNotFound(uid);
            var (plane, index, count, slab, projection) = await ResolveAsync(uid, kind, query, volume.Geometry, db, ct);
            var image = await Task.Run(() => Render(volume, plane, slab, projection), ct);
            SetPlaneHeader(http, json, ViewPlanes.ToDto(kind, plane, index, count, slab, projection));
            return TypedResults.File(image.ToPng(window), "image/png");
        }
        catch (ViewRequestException ex)
        {
            return Problem(ex);
        }
    }

    private static async Task<Results<Ok<ViewPlaneDto>, ProblemHttpResult>> PlaneAsync(
        string uid, string kind, [AsParameters] ViewQuery query, SeldingerDbContext db, CancellationToken ct)
    {
        try
        {
            var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.SeriesInstanceUid == uid, ct) ?? throw SeriesNotFound(uid);
            var g = SeriesGeometryJson.Parse(series.GeometryJson);
            var geometry = new VolumeGeometry(series.Columns, series.Rows, series.SliceCount,
                new WorldPoint(g.Origin[0], g.Origin[1], g.Origin[2]), g.Spacing[0], g.Spacing[1], g.Spacing[2],
                new Matrix3(g.Direction[0], g.Direction[1], g.Direction[2], g.Direction[3], g.Direction[4], g.Direction[5], g.Direction[6], g.Direction[7], g.Direction[8]));
            var (plane, index, count, slab, projection) = await ResolveAsync(uid, kind, query, geometry, db, ct);
            return TypedResults.Ok(ViewPlanes.ToDto(kind, plane, index, count, slab, projection));
        }
        catch (ViewRequestException ex)
        {
            return Problem(ex);
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OverlayPngAsync(
        string uid, string kind, [AsParameters] ViewQuery query, VolumeCache volumes, LabelModels models, SeldingerDbContext db,
        IOptions<JsonOptions> json, HttpContext http, CancellationToken ct)
    {
        try
        {
            var labels = await LabelsOrNotFoundAsync(uid, volumes, db, ct);
            var stats = await models.GetStatisticsAsync(uid, ct) ?? throw NoLabelMap(uid);
            var filter = ViewPlanes.LabelFilter(query.Labels, [.. stats.Select(s => s.Label)]);
            var (plane, index, count, slab, projection) = await ResolveAsync(uid, kind, query, labels.Geometry, db, ct);
            var png = await Task.Run(() => RenderOverlay(labels, plane, filter), ct);
            SetPlaneHeader(http, json, ViewPlanes.ToDto(kind, plane, index, count, slab, projection));
            return TypedResults.File(png, "image/png");
        }
        catch (ViewRequestException ex)
        {
            return Problem(ex);
        }
    }

    private static async Task<Results<Ok<List<LabelDto>>, ProblemHttpResult>> LabelsAsync(
        string uid, VolumeCache volumes, LabelModels models, SeldingerDbContext db, CancellationToken ct)
    {
        try
        {
            await LabelsOrNotFoundAsync(uid, volumes, db, ct);
            var stats = await models.GetStatisticsAsync(uid, ct) ?? throw NoLabelMap(uid);
            return TypedResults.Ok(stats.Select(s => new LabelDto(
                s.Label, LabelModels.NameOf(s.Label), LabelModels.ColourOf(s.Label), s.VoxelCount, s.VolumeMl,
                [s.MinIndex.I, s.MinIndex.J, s.MinIndex.K], [s.MaxIndex.I, s.MaxIndex.J, s.MaxIndex.K],
                Point(s.WorldMin), Point(s.WorldMax), Point(s.Centroid), s.LargestDiameterMm, Point(s.DiameterStart), Point(s.DiameterEnd))).ToList());
        }
        catch (ViewRequestException ex)
        {
            return Problem(ex);
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> MeshesAsync(
        string uid, string? labels, VolumeCache volumes, LabelModels models, SeldingerDbContext db, CancellationToken ct)
    {
        try
        {
            await LabelsOrNotFoundAsync(uid, volumes, db, ct);
            var stats = await models.GetStatisticsAsync(uid, ct) ?? throw NoLabelMap(uid);
            var filter = ViewPlanes.LabelFilter(labels, [.. stats.Select(s => s.Label)]);
            var parts = new List<GltfMeshPart>();
            foreach (var label in filter)
            {
                if (await models.GetMeshAsync(uid, label, ct) is { } mesh)
                {
                    parts.Add(new GltfMeshPart(LabelModels.NameOf(label), mesh, LabelColors.Of(label), label));
                }
            }

            if (parts.Count == 0)
            {
                throw new ViewRequestException("The selected labels have no surface.", StatusCodes.Status404NotFound);
            }

            using var buffer = new MemoryStream();
            GltfBinaryWriter.WriteScene(parts, buffer);
            return TypedResults.File(buffer.ToArray(), "model/gltf-binary", $"{uid}-labels.glb");
        }
        catch (ViewRequestException ex)
        {
            return Problem(ex);
        }
    }

    /// <summary>The CT image of a plane and slab, sampled trilinearly with air outside the volume.</summary>
    public static ReslicedImage Render(Volume<short> volume, SlicePlane plane, double slabMm, SlabProjection projection)
    {
        var sampler = Interpolator.Linear.WithOutside(OutsideHu).Prepare(volume);
        return Reslicer.Slab(sampler, plane, slabMm, projection);
    }

    /// <summary>The label overlay of a plane: nearest-neighbour labels, the colour of each label in <paramref name="shown"/>, transparent elsewhere.</summary>
    public static byte[] RenderOverlay(Volume<byte> labels, SlicePlane plane, IReadOnlyList<byte> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var image = Reslicer.Reslice(labels, plane, Interpolator.Nearest);
        var visible = new bool[256];
        foreach (var l in shown)
        {
            visible[l] = true;
        }

        var rgba = new byte[image.Pixels.Length * 4];
        for (var n = 0; n < image.Pixels.Length; n++)
        {
            var label = (byte)image.Pixels[n];
            if (label == 0 || !visible[label])
            {
                continue;
            }

            var colour = LabelColors.Of(label);
            rgba[4 * n] = (byte)(colour >> 16);
            rgba[(4 * n) + 1] = (byte)(colour >> 8);
            rgba[(4 * n) + 2] = (byte)colour;
            rgba[(4 * n) + 3] = 255;
        }

        return PngEncoder.EncodeRgba(rgba, image.Width, image.Height);
    }

    private static async Task<(SlicePlane Plane, int? Index, int? Count, double Slab, SlabProjection Projection)> ResolveAsync(
        string uid, string kind, ViewQuery query, VolumeGeometry geometry, SeldingerDbContext db, CancellationToken ct)
    {
        kind = kind.ToLowerInvariant();
        if (!ViewPlanes.Kinds.Contains(kind))
        {
            throw new ViewRequestException($"Unknown plane '{kind}'; use {string.Join(", ", ViewPlanes.Kinds)}.", StatusCodes.Status404NotFound);
        }

        (WorldPoint, WorldPoint)? path = null;
        if (query.CaseId is { } caseId && kind is "inplane" or "probe")
        {
            var c = await db.Cases.AsNoTracking().Include(x => x.Plans).SingleOrDefaultAsync(x => x.Id == caseId, ct)
                ?? throw new ViewRequestException($"No case has id {caseId}.", StatusCodes.Status404NotFound);
            if (c.SeriesInstanceUid != uid)
            {
                throw new ViewRequestException($"Case {caseId} is planned on another series, not {uid}.");
            }

            var plan = c.Plans.OrderBy(p => p.CreatedAt).LastOrDefault()
                ?? throw new ViewRequestException($"Case {caseId} has no needle plan yet.", StatusCodes.Status404NotFound);
            path = (new WorldPoint(plan.EntryX, plan.EntryY, plan.EntryZ), new WorldPoint(plan.TargetX, plan.TargetY, plan.TargetZ));
        }

        var (plane, index, count) = ViewPlanes.Build(kind, query, geometry, path);
        var (slab, projection) = ViewPlanes.Slab(query, plane, geometry);
        return (plane, index, count, slab, projection);
    }

    private static async Task<Volume<byte>> LabelsOrNotFoundAsync(string uid, VolumeCache volumes, SeldingerDbContext db, CancellationToken ct)
    {
        if (!await db.Series.AnyAsync(s => s.SeriesInstanceUid == uid, ct))
        {
            throw SeriesNotFound(uid);
        }

        return await volumes.GetLabelsAsync(uid, ct) ?? throw NoLabelMap(uid);
    }

    private static void SetPlaneHeader(HttpContext http, IOptions<JsonOptions> json, ViewPlaneDto plane) =>
        http.Response.Headers[PlaneHeader] = JsonSerializer.Serialize(plane, json.Value.SerializerOptions);

    private static PointDto Point(WorldPoint p) => new(p.X, p.Y, p.Z);

    private static ViewRequestException SeriesNotFound(string uid) => new($"No series has UID {uid}.", StatusCodes.Status404NotFound);

    private static ViewRequestException NoLabelMap(string uid) => new($"Series {uid} has no label map.", StatusCodes.Status404NotFound);

    private static ProblemHttpResult Problem(ViewRequestException ex) =>
        TypedResults.Problem(statusCode: ex.StatusCode, title: ex.StatusCode == StatusCodes.Status404NotFound ? "Not found" : "Invalid request", detail: ex.Message);
}
