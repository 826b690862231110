using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Internal;

/// <summary>Pieces the planners share: catalogue numbers, needle routes in plan form, grid checks, masks, messages.</summary>
internal static class PlanParts
{
    /// <summary>The catalogue number <paramref name="name"/>, or null when the entry has none.</summary>
    public static double? OptionalParameter(ProcedureDefinition procedure, string name) =>
        procedure.Parameters.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.Ordinal))?.Value;

    /// <summary>The catalogue number <paramref name="name"/> of the procedure; a missing one is a catalogue error the user can fix.</summary>
    public static double Parameter(ProcedureDefinition procedure, string name) =>
        OptionalParameter(procedure, name) ?? throw new PlanningException(
            $"The procedure catalogue entry '{procedure.Id}' has no parameter '{name}'; add it (with its source) to the catalogue.");

    /// <summary>The working length of the procedure's first needle, mm, or null when the catalogue names none.</summary>
    public static double? NeedleLength(ProcedureDefinition procedure) =>
        procedure.Devices.FirstOrDefault(d => d.Kind == DeviceKind.Needle)?.LengthMm;

    /// <summary>A plan route for an evaluated needle path.</summary>
    public static PlannedRoute NeedleRoute(NeedlePathEvaluation e, double score, string description) =>
        new("needle", [e.Path.Entry, e.Path.Target], e.LengthMm, e.InsertionAngleDeg, Finite(score), e.IsSafe,
            [.. e.Clearances.Select(c => new RouteClearance(c.Structure.Name, double.IsFinite(c.MinimumDistanceMm) ? c.MinimumDistanceMm : null,
                c.Structure.MinimumClearanceMm, c.Crossed, c.ViolatesMargin))],
            description);

    /// <summary>A finite number for the plan JSON (non-finite values become 0).</summary>
    public static double Finite(double x) => double.IsFinite(x) ? x : 0;

    /// <summary>Checks that the label map can be measured (an axial or oblique grid with orthonormal axes).</summary>
    public static void RequireMeasurableGrid(Volume<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        RequireMeasurableGrid(labels.Geometry, "label map");
    }

    /// <summary>Checks that a grid (of the label map, the CT…, named by <paramref name="what"/>) can be measured in millimetres.</summary>
    public static void RequireMeasurableGrid(VolumeGeometry geometry, string what)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (!geometry.IsOrthonormal)
        {
            throw new PlanningException($"The {what}'s axes are not orthonormal (a tilted or sheared series); resample it to an orthogonal grid before planning.");
        }
    }

    /// <summary>Adds one to the count of <paramref name="reason"/>.</summary>
    public static void Count(IDictionary<string, int> rejections, string reason) =>
        rejections[reason] = rejections.TryGetValue(reason, out var n) ? n + 1 : 1;

    /// <summary>A 0/1 mask of the voxels with <paramref name="label"/>, and their count.</summary>
    public static (Volume<byte> Mask, long Count) Mask(Volume<byte> labels, TissueLabel label)
    {
        var mask = new Volume<byte>(labels.Geometry);
        var src = labels.Voxels;
        var dst = mask.Voxels;
        long count = 0;
        for (var n = 0; n < src.Length; n++)
        {
            if (src[n] == (byte)label)
            {
                dst[n] = 1;
                count++;
            }
        }

        return (mask, count);
    }

    /// <summary>Volume of one voxel, mm³.</summary>
    public static double VoxelVolume(VolumeGeometry g) => g.SpacingI * g.SpacingJ * g.SpacingK;

    /// <summary>The nearest landmark to <paramref name="point"/> and its distance, or null when there are none.</summary>
    public static (PlanLandmark Landmark, double DistanceMm)? NearestLandmark(IReadOnlyList<PlanLandmark> landmarks, WorldPoint point)
    {
        PlanLandmark? best = null;
        var bestDistance = double.PositiveInfinity;
        foreach (var l in landmarks)
        {
            var d = l.Point.DistanceTo(point);
            if (d < bestDistance)
            {
                (best, bestDistance) = (l, d);
            }
        }

        return best is null ? null : (best, bestDistance);
    }

    /// <summary>
    /// The first label along the segment, over every voxel the segment touches (exact grid traversal, corners
    /// and edges included), that <paramref name="allowed"/> does not allow; null when all are allowed. Outside
    /// the grid reads as background. Stricter than sampling, which can step over the corner of a voxel.
    /// </summary>
    public static byte? FirstForbiddenVoxel(Volume<byte> labels, WorldPoint a, WorldPoint b, bool[] allowed)
    {
        var g = labels.Geometry;
        var voxels = labels.Voxels;
        var ca = g.WorldToIndex(a);
        var cb = g.WorldToIndex(b);

        // Voxel n covers index coordinates [n − ½, n + ½): shift by ½ so that cells are [n, n + 1).
        Span<double> start = [ca.I + 0.5, ca.J + 0.5, ca.K + 0.5];
        Span<double> delta = [cb.I - ca.I, cb.J - ca.J, cb.K - ca.K];
        Span<int> cell = [(int)Math.Floor(start[0]), (int)Math.Floor(start[1]), (int)Math.Floor(start[2])];
        Span<int> step = stackalloc int[3];
        Span<double> tMax = stackalloc double[3];
        Span<double> tDelta = stackalloc double[3];
        for (var axis = 0; axis < 3; axis++)
        {
            var d = delta[axis];
            step[axis] = Math.Sign(d);
            tDelta[axis] = d == 0 ? double.PositiveInfinity : 1 / Math.Abs(d);
            tMax[axis] = d > 0 ? (cell[axis] + 1 - start[axis]) / d
                : d < 0 ? (start[axis] - cell[axis]) / -d
                : double.PositiveInfinity;
        }

        while (true)
        {
            var label = (uint)cell[0] < (uint)g.SizeI && (uint)cell[1] < (uint)g.SizeJ && (uint)cell[2] < (uint)g.SizeK
                ? voxels[g.LinearIndex(cell[0], cell[1], cell[2])]
                : (byte)0;
            if (!allowed[label])
            {
                return label;
            }

            var next = tMax[0] <= tMax[1] ? (tMax[0] <= tMax[2] ? 0 : 2) : (tMax[1] <= tMax[2] ? 1 : 2);
            if (tMax[next] > 1)
            {
                return null;
            }

            cell[next] += step[next];
            tMax[next] += tDelta[next];
        }
    }

    /// <summary>A 256-entry table that allows exactly <paramref name="labels"/>.</summary>
    public static bool[] Allowed(params TissueLabel[] labels)
    {
        var allowed = new bool[256];
        foreach (var l in labels)
        {
            allowed[(byte)l] = true;
        }

        return allowed;
    }

    /// <summary>Invariant number text with at most <paramref name="decimals"/> decimals.</summary>
    public static string F(double x, int decimals = 1) => x.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
}
