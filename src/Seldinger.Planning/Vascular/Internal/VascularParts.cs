using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Vascular.Internal;

/// <summary>Pieces the vascular access and angiography planners share.</summary>
internal static class VascularParts
{
    /// <summary>Outer diameter of a French size, mm (1 F = ⅓ mm).</summary>
    public static double FrenchToMm(double french) => french / 3;

    /// <summary>The catalogue number <paramref name="name"/>, or null when the entry has none.</summary>
    public static double? OptionalParameter(ProcedureDefinition procedure, string name) =>
        procedure.Parameters.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.Ordinal))?.Value;

    /// <summary>The catalogue number <paramref name="name"/>; a missing one is a catalogue error the user can fix.</summary>
    public static double Parameter(ProcedureDefinition procedure, string name) =>
        OptionalParameter(procedure, name) ?? throw new PlanningException(
            $"The procedure catalogue entry '{procedure.Id}' has no parameter '{name}'; add it (with its source) to the catalogue.");

    /// <summary>The weight of objective <paramref name="kind"/> in the catalogue entry, 0 when absent.</summary>
    public static double Weight(ProcedureDefinition procedure, ObjectiveKind kind) =>
        procedure.Objectives.Where(o => o.Kind == kind).Sum(o => o.Weight);

    /// <summary>Checks the grid can be measured in millimetres.</summary>
    public static void RequireMeasurableGrid(VolumeGeometry geometry, string what)
    {
        if (!geometry.IsOrthonormal)
        {
            throw new PlanningException($"The {what}'s axes are not orthonormal (a tilted or sheared series); resample it to an orthogonal grid before planning.");
        }
    }

    /// <summary>Whether the point lies inside the grid's extent.</summary>
    public static bool Inside(VolumeGeometry geometry, WorldPoint point) => geometry.Contains(geometry.WorldToIndex(point));

    /// <summary>Whether any voxel carries <paramref name="label"/>.</summary>
    public static bool HasLabel(Volume<byte> labels, TissueLabel label) => Array.IndexOf(labels.Voxels, (byte)label) >= 0;

    /// <summary>A number for messages: invariant culture, at most <paramref name="decimals"/> decimals.</summary>
    public static string F(double x, int decimals = 1) => Math.Round(x, decimals).ToString(CultureInfo.InvariantCulture);

    /// <summary>The landmark's name in words: <c>right-basilic-vein</c> → <c>right basilic vein</c>.</summary>
    public static string Words(string name) => name.Replace('-', ' ');

    /// <summary>A finite number for the plan JSON (non-finite values become 0).</summary>
    public static double Finite(double x) => double.IsFinite(x) ? x : 0;

    /// <summary>Adds one to the count of <paramref name="reason"/>.</summary>
    public static void Count(Dictionary<string, int> rejections, string reason) =>
        rejections[reason] = rejections.TryGetValue(reason, out var n) ? n + 1 : 1;

    /// <summary>A plan route for an evaluated needle path.</summary>
    public static PlannedRoute NeedleRoute(NeedlePathEvaluation e, double score, string description) =>
        new("needle", [e.Path.Entry, e.Path.Target], e.LengthMm, e.InsertionAngleDeg, Finite(score), e.IsSafe,
            [.. e.Clearances.Select(c => new RouteClearance(c.Structure.Name, double.IsFinite(c.MinimumDistanceMm) ? c.MinimumDistanceMm : null,
                c.Structure.MinimumClearanceMm, c.Crossed, c.ViolatesMargin))],
            description);
}
