using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Vascular.Internal;

/// <summary>Pieces the vascular access and angiography planners share (the general ones are in <see cref="Seldinger.Planning.Internal.PlanParts"/>).</summary>
internal static class VascularParts
{
    /// <summary>Outer diameter of a French size, mm (1 F = ⅓ mm).</summary>
    public static double FrenchToMm(double french) => french / 3;

    /// <summary>The weight of objective <paramref name="kind"/> in the catalogue entry, 0 when absent.</summary>
    public static double Weight(ProcedureDefinition procedure, ObjectiveKind kind) =>
        procedure.Objectives.Where(o => o.Kind == kind).Sum(o => o.Weight);

    /// <summary>Whether the point lies inside the grid's extent.</summary>
    public static bool Inside(VolumeGeometry geometry, WorldPoint point) => geometry.Contains(geometry.WorldToIndex(point));

    /// <summary>Whether any voxel carries <paramref name="label"/>.</summary>
    public static bool HasLabel(Volume<byte> labels, TissueLabel label) => Array.IndexOf(labels.Voxels, (byte)label) >= 0;

    /// <summary>The landmark's name in words: <c>right-basilic-vein</c> → <c>right basilic vein</c>.</summary>
    public static string Words(string name) => name.Replace('-', ' ');
}
