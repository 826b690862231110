using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Rendering;
using Seldinger.Imaging.Reslicing;
using Seldinger.Planning.Plans;
using Seldinger.Server.Endpoints;

namespace Seldinger.Server.Services;

/// <summary>
/// A picture of a plan for the record: for a needle route the plane containing the route (in-plane reslice) with
/// the route, entry and target drawn; otherwise the axial slice through the target with the plan's points and
/// polylines. Soft-tissue window, label colours blended at a third, colours: safe route yellow, unsafe red,
/// entry green, target magenta, polylines cyan, other points orange.
/// </summary>
public static class PlanScreenshot
{
    /// <summary>Default width and height of an in-plane picture, pixels.</summary>
    public const int DefaultSize = 512;

    /// <summary>Smallest field of view of an in-plane picture, mm (a short path still shows its surroundings).</summary>
    public const double MinimumFieldMm = 100;

    private const uint SafeRoute = 0xFFD700, UnsafeRoute = 0xFF3030, EntryColour = 0x30E030, TargetColour = 0xFF30FF,
        PolylineColour = 0x30E0FF, PointColour = 0xFFA030;

    /// <summary>The plane the picture shows: along the first needle route, or axial through the target.</summary>
    public static SlicePlane PlaneOf(ProcedurePlan plan, VolumeGeometry geometry, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(geometry);
        if (plan.Routes is [{ Kind: "needle", Points.Count: >= 2 } route, ..] && route.Entry.DistanceTo(route.Tip) > 1e-6)
        {
            var length = route.Entry.DistanceTo(route.Tip);
            var pixel = Math.Max(Math.Max(MinimumFieldMm, 1.6 * length) / size, geometry.MinimumSpacing / 4);
            return Reslicer.PathPlane(route.Entry, route.Tip, size, size, pixel);
        }

        var z = (plan.Target ?? (plan.Points.Count > 0 ? plan.Points[0].Point : (WorldPoint?)null) ?? (plan.Routes.Count > 0 ? plan.Routes[0].Tip : (WorldPoint?)null)
            ?? geometry.IndexToWorld(new ContinuousIndex((geometry.SizeI - 1) / 2.0, (geometry.SizeJ - 1) / 2.0, (geometry.SizeK - 1) / 2.0))).Z;
        return Reslicer.AxialPlane(geometry, z);
    }

    /// <summary>Renders the picture as an RGBA PNG.</summary>
    public static byte[] Render(ProcedurePlan plan, Volume<short> hounsfield, Volume<byte>? labels, int size = DefaultSize)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(hounsfield);
        var plane = PlaneOf(plan, hounsfield.Geometry, size);
        var gray = ViewEndpoints.Render(hounsfield, plane, 0, SlabProjection.Maximum).ToGray8(WindowLevel.SoftTissue);
        var canvas = new Canvas(plane.Width, plane.Height);
        for (var n = 0; n < gray.Length; n++)
        {
            canvas.Set(n, gray[n], gray[n], gray[n]);
        }

        if (labels is not null)
        {
            var labelImage = Reslicer.Reslice(labels, plane, Imaging.Resampling.Interpolator.Nearest);
            for (var n = 0; n < labelImage.Pixels.Length; n++)
            {
                if ((byte)labelImage.Pixels[n] is var label and not 0)
                {
                    canvas.Blend(n, LabelColors.Of(label), 1.0 / 3);
                }
            }
        }

        foreach (var line in plan.Polylines)
        {
            canvas.Polyline(plane, line.Points, PolylineColour, 1);
        }

        foreach (var point in plan.Points.Where(p => p.Role is not ("target" or "entry")))
        {
            canvas.Ring(plane.WorldToPixel(point.Point), 4, PointColour);
        }

        for (var r = plan.Routes.Count - 1; r >= 0; r--)
        {
            var route = plan.Routes[r];
            canvas.Polyline(plane, route.Points, route.IsSafe ? SafeRoute : UnsafeRoute, r == 0 ? 2 : 1);
        }

        if (plan.Routes.Count > 0)
        {
            canvas.Ring(plane.WorldToPixel(plan.Routes[0].Entry), 6, EntryColour);
        }

        if ((plan.Target ?? (plan.Routes.Count > 0 ? plan.Routes[0].Tip : null)) is { } target)
        {
            canvas.Cross(plane.WorldToPixel(target), 7, TargetColour);
        }

        return PngEncoder.EncodeRgba(canvas.Pixels, plane.Width, plane.Height);
    }

    private sealed class Canvas(int width, int height)
    {
        public byte[] Pixels { get; } = new byte[width * height * 4];

        public void Set(int n, byte r, byte g, byte b) => (Pixels[4 * n], Pixels[(4 * n) + 1], Pixels[(4 * n) + 2], Pixels[(4 * n) + 3]) = (r, g, b, 255);

        public void Blend(int n, uint colour, double alpha)
        {
            for (var c = 0; c < 3; c++)
            {
                var value = (colour >> (16 - (8 * c))) & 0xFF;
                Pixels[(4 * n) + c] = (byte)Math.Round(((1 - alpha) * Pixels[(4 * n) + c]) + (alpha * value));
            }
        }

        public void Plot(int x, int y, uint colour)
        {
            if ((uint)x < (uint)width && (uint)y < (uint)height)
            {
                Set((y * width) + x, (byte)(colour >> 16), (byte)(colour >> 8), (byte)colour);
            }
        }

        public void Polyline(SlicePlane plane, IReadOnlyList<WorldPoint> points, uint colour, int halfWidth)
        {
            for (var n = 1; n < points.Count; n++)
            {
                Line(plane.WorldToPixel(points[n - 1]), plane.WorldToPixel(points[n]), colour, halfWidth);
            }
        }

        // Sampled at half-pixel steps, each sample a small square: simple, and thick lines need no special case.
        public void Line(PixelPoint a, PixelPoint b, uint colour, int halfWidth)
        {
            var length = Math.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));
            if (!double.IsFinite(length))
            {
                return;
            }

            // Far-away points (off the picture) are clipped by sampling at most a few picture diagonals.
            var steps = (int)Math.Min(Math.Ceiling(2 * length), 8L * (width + height));
            for (var s = 0; s <= steps; s++)
            {
                var t = steps == 0 ? 0 : (double)s / steps;
                Dot(a.X + (t * (b.X - a.X)), a.Y + (t * (b.Y - a.Y)), colour, halfWidth - 1);
            }
        }

        public void Ring(PixelPoint centre, int radius, uint colour)
        {
            for (var s = 0; s < 8 * radius; s++)
            {
                var angle = 2 * Math.PI * s / (8 * radius);
                Dot(centre.X + (radius * Math.Cos(angle)), centre.Y + (radius * Math.Sin(angle)), colour, 0);
            }
        }

        public void Cross(PixelPoint centre, int radius, uint colour)
        {
            Line(new PixelPoint(centre.X - radius, centre.Y), new PixelPoint(centre.X + radius, centre.Y), colour, 1);
            Line(new PixelPoint(centre.X, centre.Y - radius), new PixelPoint(centre.X, centre.Y + radius), colour, 1);
        }

        private void Dot(double x, double y, uint colour, int radius)
        {
            if (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x) > 1e6 || Math.Abs(y) > 1e6)
            {
                return;
            }

            var (cx, cy) = ((int)Math.Round(x), (int)Math.Round(y));
            for (var dy = -radius; dy <= radius; dy++)
            {
                for (var dx = -radius; dx <= radius; dx++)
                {
                    Plot(cx + dx, cy + dy, colour);
                }
            }
        }
    }
}
