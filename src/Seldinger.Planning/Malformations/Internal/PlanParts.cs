using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Malformations.Internal;

/// <summary>Pieces the gastrostomy, nasojejunal, malformation and photoevaporation planners share.</summary>
internal static class PlanParts
{
    /// <summary>The catalogue number <paramref name="name"/> of the procedure; a missing one is a catalogue error the user can fix.</summary>
    public static double Parameter(ProcedureDefinition procedure, string name)
    {
        var p = procedure.Parameters.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.Ordinal));
        return p?.Value ?? throw new PlanningException(
            $"The procedure catalogue entry '{procedure.Id}' has no parameter '{name}'; add it (with its source) to the catalogue.");
    }

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
        if (!labels.Geometry.IsOrthonormal)
        {
            throw new PlanningException("The label map's axes are not orthonormal (a tilted or sheared series); resample it to an orthogonal grid before planning.");
        }
    }

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

    /// <summary>Invariant number text with at most <paramref name="decimals"/> decimals.</summary>
    public static string F(double x, int decimals = 1) => x.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
}
