using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Ablation.Layout;

/// <summary>Small synthetic bodies for the layout planner tests and brute-force references written from the geometry alone.</summary>
internal static class LayoutTestCases
{
    /// <summary>
    /// A cylinder of liver (radius 45 mm, along z) with a 2 mm skin, air around it, on a grid of <paramref name="n"/>² ×
    /// <paramref name="nk"/> voxels of <paramref name="spacing"/> mm centred on the origin; <paramref name="paint"/> puts
    /// other labels (the tumor, a structure) at points it names.
    /// </summary>
    public static Volume<byte> Body(double spacing, int n, int nk, Func<WorldPoint, TissueLabel?> paint)
    {
        var g = new VolumeGeometry(n, n, nk, new WorldPoint(-(n - 1) * spacing / 2, -(n - 1) * spacing / 2, -(nk - 1) * spacing / 2), spacing, spacing, spacing);
        var labels = new Volume<byte>(g);
        for (var k = 0; k < nk; k++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var i = 0; i < n; i++)
                {
                    var p = g.IndexToWorld(new VoxelIndex(i, j, k));
                    var r = Math.Sqrt((p.X * p.X) + (p.Y * p.Y));
                    var label = r > 45 ? TissueLabel.Background : r > 43 ? TissueLabel.Skin : paint(p) ?? TissueLabel.Liver;
                    labels[i, j, k] = (byte)label;
                }
            }
        }

        return labels;
    }

    public static PlanningInput Input(Volume<byte> labels, string procedure) => new()
    {
        Labels = labels,
        Procedure = ProcedureCatalogue.Default.Find(procedure)!,
        Catalogue = ProcedureCatalogue.Default,
    };

    /// <summary>Voxels of the tumor or within <paramref name="marginMm"/> of a tumor voxel centre, by brute force.</summary>
    public static bool[] Grown(Volume<byte> labels, TissueLabel target, double marginMm)
    {
        var g = labels.Geometry;
        var tumor = new List<WorldPoint>();
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            if (labels.Voxels[n] == (byte)target)
            {
                tumor.Add(g.IndexToWorld(g.VoxelAt(n)));
            }
        }

        double minX = tumor.Min(p => p.X) - marginMm, maxX = tumor.Max(p => p.X) + marginMm;
        double minY = tumor.Min(p => p.Y) - marginMm, maxY = tumor.Max(p => p.Y) + marginMm;
        double minZ = tumor.Min(p => p.Z) - marginMm, maxZ = tumor.Max(p => p.Z) + marginMm;
        var grown = new bool[labels.Voxels.Length];
        for (var n = 0; n < labels.Voxels.Length; n++)
        {
            var p = g.IndexToWorld(g.VoxelAt(n));
            if (p.X < minX || p.X > maxX || p.Y < minY || p.Y > maxY || p.Z < minZ || p.Z > maxZ)
            {
                continue;
            }

            grown[n] = labels.Voxels[n] == (byte)target || tumor.Exists(t => t.DistanceTo(p) <= marginMm);
        }

        return grown;
    }

    /// <summary>Fraction of the <paramref name="mask"/> voxels inside the zone.</summary>
    public static double Covered(bool[] mask, AblationZone zone)
    {
        long all = 0, inside = 0;
        for (var n = 0; n < mask.Length; n++)
        {
            if (mask[n])
            {
                all++;
                inside += zone.Lethal.Voxels[n] != 0 ? 1 : 0;
            }
        }

        return (double)inside / all;
    }

    public static AblationZone Zone(Volume<byte> labels, AblationAlternative layout) =>
        new TableZoneModel().Predict(new AblationZoneRequest(labels, layout.Probes, AblationDeviceLibrary.LoadDefault()));
}
