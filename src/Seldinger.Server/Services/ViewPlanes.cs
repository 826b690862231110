using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Rendering;
using Seldinger.Imaging.Reslicing;
using Seldinger.Server.Contracts;

namespace Seldinger.Server.Services;

/// <summary>
/// Turns the query of a view request into a <see cref="SlicePlane"/>, a slab and a window, checking every
/// parameter and the amount of work it asks for.
/// </summary>
public static class ViewPlanes
{
    /// <summary>Largest width or height of an oblique, in-plane or probe's-eye image, pixels.</summary>
    public const int MaxSize = 1024;

    /// <summary>Thickest slab, mm.</summary>
    public const double MaxSlabMm = 200;

    /// <summary>Most volume samples one image may take (pixels × samples across the slab).</summary>
    public const long MaxSamples = 64L << 20;

    /// <summary>Largest coordinate or vector component accepted, mm.</summary>
    public const double MaxCoordinate = 1e6;

    /// <summary>The plane kinds.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["axial", "coronal", "sagittal", "oblique", "inplane", "probe"];

    /// <summary>Whether <paramref name="kind"/> is axial, coronal or sagittal.</summary>
    public static bool IsStandard(string kind) => kind is "axial" or "coronal" or "sagittal";

    /// <summary>
    /// How a standard plane is indexed: plane n lies at <c>First + n · Step</c> mm along <c>Axis</c>
    /// (LPS z for axial, y for coronal, x for sagittal) and there are <c>Count</c> planes over the volume.
    /// </summary>
    public static (Vector3D Axis, double First, double Step, int Count) StandardAxis(VolumeGeometry geometry, string kind)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var axis = kind switch
        {
            "axial" => Vector3D.UnitZ,
            "coronal" => Vector3D.UnitY,
            "sagittal" => Vector3D.UnitX,
            _ => throw new ArgumentException($"'{kind}' is not a standard plane.", nameof(kind)),
        };
        var (first, step, count) = Reslicer.PlanePositions(geometry, axis);
        return (axis, first, step, count);
    }

    /// <summary>
    /// Builds the plane a request describes. <paramref name="path"/> is the case's planned entry and target
    /// (needed by inplane and probe). Returns the plane and, for standard planes, its index and the plane count.
    /// </summary>
    /// <exception cref="ViewRequestException">A parameter is missing, out of range or inconsistent.</exception>
    public static (SlicePlane Plane, int? Index, int? Count) Build(
        string kind, ViewQuery query, VolumeGeometry geometry, (WorldPoint Entry, WorldPoint Target)? path)
    {
        try
        {
            return BuildChecked(kind, query, geometry, path);
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            // Whatever the imaging library still refuses (a degenerate plane) is the request's fault, not the server's.
            throw new ViewRequestException(ex.Message, ex);
        }
    }

    private static (SlicePlane Plane, int? Index, int? Count) BuildChecked(
        string kind, ViewQuery query, VolumeGeometry geometry, (WorldPoint Entry, WorldPoint Target)? path)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(geometry);
        if (query.Pixel is { } px && (!double.IsFinite(px) || px < 0.05 || px > 50))
        {
            throw new ViewRequestException("pixel must be a spacing between 0.05 and 50 mm.");
        }

        if (IsStandard(kind))
        {
            var (_, first, step, count) = StandardAxis(geometry, kind);
            var n = query.Index ?? (count / 2);
            if (n < 0 || n >= count)
            {
                throw new ViewRequestException($"{Capitalised(kind)} plane {n} does not exist; the series has {kind} planes 0 to {count - 1}.");
            }

            var position = first + (n * step);
            var plane = kind switch
            {
                "axial" => Reslicer.AxialPlane(geometry, position, query.Pixel),
                "coronal" => Reslicer.CoronalPlane(geometry, position, query.Pixel),
                _ => Reslicer.SagittalPlane(geometry, position, query.Pixel),
            };
            if (plane.Width > 4 * MaxSize || plane.Height > 4 * MaxSize)
            {
                throw new ViewRequestException($"A {plane.Width}×{plane.Height} image is too large; choose a larger pixel spacing.");
            }

            return (plane, n, count);
        }

        var spacing = query.Pixel ?? geometry.MinimumSpacing;
        var size = query.Size ?? DefaultSize(geometry, spacing);
        if (size < 1 || size > MaxSize)
        {
            throw new ViewRequestException($"size must be between 1 and {MaxSize} pixels.");
        }

        switch (kind)
        {
            case "oblique":
                {
                    var centre = Point(query.Cx, query.Cy, query.Cz, "cx, cy and cz (the plane's centre, LPS mm)");
                    var normal = Vector(query.Nx, query.Ny, query.Nz, "nx, ny and nz (the plane's normal)");
                    var up = query.Ux is null && query.Uy is null && query.Uz is null
                        ? (Math.Abs(normal.Z) > Math.Sqrt(0.5) ? -Vector3D.UnitY : Vector3D.UnitZ)
                        : Vector(query.Ux, query.Uy, query.Uz, "ux, uy and uz (screen up) all three, or none");
                    // Default up: anterior for planes closer to axial than 45°, else superior. Screen down is −up made
                    // perpendicular to the normal; the row completes a right-handed frame (row × down = normal).
                    var down = -(up - (normal * up.Dot(normal)));
                    if (down.Length < 1e-6)
                    {
                        throw new ViewRequestException("The up vector (ux, uy, uz) must not be parallel to the normal.");
                    }

                    down = down.Normalized;
                    var row = down.Cross(normal).Normalized;
                    return (SlicePlane.FromCenter(centre, row, down, size, size, spacing, spacing), null, null);
                }

            case "inplane" or "probe":
                {
                    if (path is not { } p)
                    {
                        throw new ViewRequestException($"The {kind} view needs case=<id> of a case with a needle plan on this series.");
                    }

                    if (p.Entry.DistanceTo(p.Target) < 1e-6)
                    {
                        throw new ViewRequestException("The plan's entry and target coincide; there is no path to cut along.");
                    }

                    if (kind == "inplane")
                    {
                        return (Reslicer.PathPlane(p.Entry, p.Target, size, size, spacing), null, null);
                    }

                    var depth = query.Depth ?? p.Entry.DistanceTo(p.Target);
                    if (!double.IsFinite(depth) || Math.Abs(depth) > 2000)
                    {
                        throw new ViewRequestException("depth must be a finite number of millimetres along the path (at most 2000).");
                    }

                    return (Reslicer.ProbesEyePlane(p.Entry, p.Target, depth, size, size, spacing), null, null);
                }

            default:
                throw new ViewRequestException($"Unknown plane '{kind}'; use {string.Join(", ", Kinds)}.", StatusCodes.Status404NotFound);
        }
    }

    /// <summary>The slab thickness and projection of a request, checked against the work it asks for.</summary>
    /// <exception cref="ViewRequestException">Unknown mode, bad thickness, or too many samples.</exception>
    public static (double ThicknessMm, SlabProjection Projection) Slab(ViewQuery query, SlicePlane plane, VolumeGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(geometry);
        var thickness = query.Slab ?? 0;
        if (!double.IsFinite(thickness) || thickness < 0 || thickness > MaxSlabMm)
        {
            throw new ViewRequestException($"slab must be between 0 and {MaxSlabMm:0} mm.");
        }

        var projection = query.Mode?.ToLowerInvariant() switch
        {
            null or "mip" or "max" => SlabProjection.Maximum,
            "minip" or "min" => SlabProjection.Minimum,
            "mean" or "average" => SlabProjection.Mean,
            _ => throw new ViewRequestException($"Unknown mode '{query.Mode}'; use mip, minip or mean."),
        };
        var steps = thickness == 0 ? 0 : (long)Math.Ceiling(thickness / (geometry.MinimumSpacing / 2));
        if ((long)plane.Width * plane.Height * (steps + 1) > MaxSamples)
        {
            throw new ViewRequestException("This image and slab together need too many samples; use a thinner slab, a smaller size or larger pixels.");
        }

        return (thickness, projection);
    }

    /// <summary>The window of a request: a preset, or centre and width in HU.</summary>
    /// <exception cref="ViewRequestException">Unknown preset, or an incomplete or invalid centre/width.</exception>
    public static WindowLevel Window(ViewQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Center is not null || query.Width is not null)
        {
            if (query.Center is not { } c || query.Width is not { } w || !double.IsFinite(c) || !double.IsFinite(w) || w < 1)
            {
                throw new ViewRequestException("Give both center and width (HU), with width ≥ 1.");
            }

            return new WindowLevel(c, w);
        }

        return query.Preset?.ToLowerInvariant() switch
        {
            null or "soft" or "soft-tissue" => WindowLevel.SoftTissue,
            "bone" => WindowLevel.Bone,
            "lung" => WindowLevel.Lung,
            "liver" => WindowLevel.Liver,
            _ => throw new ViewRequestException($"Unknown preset '{query.Preset}'; use soft, bone, lung or liver."),
        };
    }

    /// <summary>
    /// The label values of a <c>labels=</c> filter ("5,8"), each checked against <paramref name="present"/>;
    /// null filter means every present label.
    /// </summary>
    /// <exception cref="ViewRequestException">A value is not a number from 1 to 255, or not a label of the series.</exception>
    public static IReadOnlyList<byte> LabelFilter(string? filter, IReadOnlyCollection<byte> present)
    {
        ArgumentNullException.ThrowIfNull(present);
        if (filter is null)
        {
            return [.. present.Order()];
        }

        var result = new SortedSet<byte>();
        foreach (var part in filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!byte.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value == 0)
            {
                throw new ViewRequestException($"'{part}' is not a label value; labels= takes values from 1 to 255, separated by commas.");
            }

            if (!present.Contains(value))
            {
                throw new ViewRequestException($"The series has no label {value}; its labels are {string.Join(", ", present.Order())}.");
            }

            result.Add(value);
        }

        return [.. result];
    }

    /// <summary>The plane as its contract.</summary>
    public static ViewPlaneDto ToDto(string kind, SlicePlane plane, int? index, int? count, double slabMm, SlabProjection projection)
    {
        ArgumentNullException.ThrowIfNull(plane);
        return new ViewPlaneDto(kind, plane.Width, plane.Height,
            [plane.Origin.X, plane.Origin.Y, plane.Origin.Z],
            [plane.RowDirection.X, plane.RowDirection.Y, plane.RowDirection.Z],
            [plane.ColumnDirection.X, plane.ColumnDirection.Y, plane.ColumnDirection.Z],
            [plane.Normal.X, plane.Normal.Y, plane.Normal.Z],
            [plane.PixelSpacingX, plane.PixelSpacingY],
            index, count, slabMm,
            projection switch { SlabProjection.Minimum => "minip", SlabProjection.Mean => "mean", _ => "mip" });
    }

    private static int DefaultSize(VolumeGeometry g, double spacing)
    {
        var diagonal = new Vector3D((g.SizeI - 1) * g.SpacingI, (g.SizeJ - 1) * g.SpacingJ, (g.SizeK - 1) * g.SpacingK).Length;
        return (int)Math.Clamp(Math.Ceiling(diagonal / spacing) + 1, 16, 512);
    }

    private static WorldPoint Point(double? x, double? y, double? z, string what)
    {
        if (x is not { } a || y is not { } b || z is not { } c || !(Math.Abs(a) <= MaxCoordinate) || !(Math.Abs(b) <= MaxCoordinate) || !(Math.Abs(c) <= MaxCoordinate))
        {
            throw new ViewRequestException($"Give {what} as finite numbers of at most {MaxCoordinate:0} in magnitude.");
        }

        return new WorldPoint(a, b, c);
    }

    private static Vector3D Vector(double? x, double? y, double? z, string what)
    {
        var v = Point(x, y, z, what).ToVector();
        if (!(v.Length > 1e-9))
        {
            throw new ViewRequestException($"The vector given as {what} must not be zero.");
        }

        return v.Normalized;
    }

    private static string Capitalised(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
