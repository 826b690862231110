namespace Seldinger.Imaging.Phantoms.Internal;

/// <summary>What one axial slice of the <see cref="BodyModel"/> contains, worked out once per slice.</summary>
internal sealed class BodySlice
{
    public double Z { get; init; }

    public bool HasTrunk { get; init; }

    public double TrunkA { get; init; }

    public double TrunkB { get; init; }

    public double Muscle { get; init; }

    public bool HasNeck { get; init; }

    public bool HasShoulders { get; init; }

    public bool HasArms { get; init; }

    public double ArmR { get; init; }

    public bool HasLegs { get; init; }

    public double LegR { get; init; }

    public bool HasSpine { get; init; }

    public double SpineY { get; init; }

    public double SpineScale { get; init; }

    public required Shape[] Shapes { get; init; }
}

internal sealed partial class BodyModel
{
    public BodySlice Slice(double z) => new()
    {
        Z = z,
        HasTrunk = z >= TrunkBottom && z <= TrunkTop,
        TrunkA = TrunkRadii(z).A,
        TrunkB = TrunkRadii(z).B,
        Muscle = WallMuscle(TrunkRadii(z).B),
        HasNeck = z >= NeckBottom && z <= NeckTop,
        HasShoulders = Math.Abs(z - Shoulder(1).Cz) <= Shoulder(1).Rz,
        HasArms = z >= ZWrist && z <= ArmTop,
        ArmR = ArmRadiusAt(z),
        HasLegs = z >= ZLegBottom && z <= LegTop,
        LegR = LegRadius(z),
        HasSpine = z >= SpineBottom && z <= ZChin,
        SpineY = Spine(z).Y,
        SpineScale = Spine(z).Scale,
        Shapes = [.. _shapes.Where(s => z >= s.MinZ && z <= s.MaxZ)],
    };

    private static double EllipseDepth(double dx, double dy, double a, double b)
    {
        double nx = dx / a, ny = dy / b;
        var rho = Math.Sqrt((nx * nx) + (ny * ny));
        return rho > 1e-12 ? Math.Sqrt((dx * dx) + (dy * dy)) * ((1 / rho) - 1) : Math.Min(a, b);
    }

    /// <summary>Tissue of the body parts, cavities, spine and ribs at (x, y) of the slice, before the shapes are painted.</summary>
    public TissueLabel ClassifyBase(double x, double y, BodySlice s, out Material material, out BodyZone zone)
    {
        var z = s.Z;
        var best = double.NegativeInfinity;
        var part = 0;
        if (s.HasTrunk)
        {
            best = EllipseDepth(x, y, s.TrunkA, s.TrunkB);
            part = 1;
        }

        if (s.HasNeck)
        {
            var d = EllipseDepth(x, y - NeckCy, NeckA, NeckB);
            if (d > best)
            {
                (best, part) = (d, 2);
            }
        }

        if (s.HasShoulders)
        {
            for (var side = -1; side <= 1; side += 2)
            {
                var (cx, cy, cz, rx, ry, rz) = Shoulder(side);
                double dx = (x - cx) / rx, dy = (y - cy) / ry, dz = (z - cz) / rz;
                var level = (dx * dx) + (dy * dy) + (dz * dz);
                var d = (1 - Math.Sqrt(level)) * Math.Min(rx, Math.Min(ry, rz));
                if (d > best)
                {
                    (best, part) = (d, 3);
                }
            }
        }

        if (s.HasArms)
        {
            for (var side = -1; side <= 1; side += 2)
            {
                var d = EllipseDepth(x - (side * ArmX), y, s.ArmR, 0.95 * s.ArmR);
                if (d > best)
                {
                    (best, part) = (d, 4);
                }
            }
        }

        if (s.HasLegs)
        {
            for (var side = -1; side <= 1; side += 2)
            {
                var d = EllipseDepth(x - (side * LegX), y, 1.05 * s.LegR, 0.95 * s.LegR);
                if (d > best)
                {
                    (best, part) = (d, 5);
                }
            }
        }

        // Inside the trunk's wall or cavity the trunk decides, whatever part overlaps it (shoulders, neck).
        if (s.HasTrunk && part != 1)
        {
            var trunkDepth = EllipseDepth(x, y, s.TrunkA, s.TrunkB);
            if (trunkDepth >= SkinMm + FatMm)
            {
                (best, part) = (trunkDepth, 1);
            }
        }

        if (!(best > 0))
        {
            (material, zone) = (Material.Air, BodyZone.Outside);
            return TissueLabel.Background;
        }

        TissueLabel label;
        if (best < SkinMm)
        {
            (label, material, zone) = (TissueLabel.Skin, Material.Skin, BodyZone.Skin);
        }
        else if (best < SkinMm + FatMm)
        {
            (label, material, zone) = (TissueLabel.Fat, Material.Fat, BodyZone.Subcutis);
        }
        else if (part == 1)
        {
            var muscleStart = SkinMm + FatMm;
            if (best < muscleStart + s.Muscle)
            {
                (label, material, zone) = (TissueLabel.Muscle, Material.Muscle, BodyZone.Wall);
                if (RibStructure(x, y, z, best, muscleStart, s.Muscle, out var ribLabel, out var ribMaterial))
                {
                    (label, material) = (ribLabel, ribMaterial);
                }
            }
            else
            {
                var cavityDepth = best - muscleStart - s.Muscle;
                if (z > Diaphragm(x, y))
                {
                    zone = BodyZone.Chest;
                    double mx = (x - Xc(0.03)) / Xc(0.22), my = (y - Yc(0.05)) / Yc(0.95);
                    (label, material) = (mx * mx) + (my * my) <= 1 ? (TissueLabel.Fat, Material.Fat) : (TissueLabel.Lung, Material.Lung);
                    if (label == TissueLabel.Lung && IsPleuralEffusion(x, y, z, cavityDepth))
                    {
                        (label, material) = (TissueLabel.PleuralEffusion, Material.Fluid);
                    }
                }
                else if (z > ZPelvicFloor)
                {
                    (label, material, zone) = (TissueLabel.Fat, Material.Fat, BodyZone.Abdomen);
                    if (Case.Name == "ascites" && z <= Zt(0.33) && cavityDepth < AscitesThickness)
                    {
                        (label, material) = (TissueLabel.Ascites, Material.Fluid);
                    }
                }
                else
                {
                    (label, material, zone) = (TissueLabel.Muscle, Material.Muscle, BodyZone.Limb);
                }
            }
        }
        else
        {
            (label, material, zone) = (TissueLabel.Muscle, Material.Muscle, BodyZone.Limb);
        }

        if (s.HasSpine && best >= SkinMm)
        {
            var k = s.SpineScale;
            double sx = x / k, sy = (y - s.SpineY) / k;
            if (part is 1 or 2 && best >= SkinMm + FatMm && z <= ZSternalNotch && z >= Zt(0.92))
            {
                double px = (Math.Abs(sx) - 25) / 17, py = (sy - 16) / 15;
                if ((px * px) + (py * py) <= 1)
                {
                    (label, material) = (TissueLabel.Muscle, Material.Muscle);
                }
                else if (z <= Zt(0.45) && z >= Zt(0.92) && label != TissueLabel.Lung)
                {
                    var radius = Math.Min(13, 7 + ((Zt(0.45) - z) / Sz * 0.1));
                    double qx = Math.Abs(sx) - 22, qy = sy + 8;
                    if ((qx * qx) + (qy * qy) <= radius * radius)
                    {
                        (label, material) = (TissueLabel.Muscle, Material.Muscle);
                    }
                }
            }

            var spine = SpineAt(sx, sy);
            if (spine != TissueLabel.Background)
            {
                label = spine;
                material = spine == TissueLabel.Bone ? Material.CorticalBone : Material.SpinalCanal;
            }
        }

        return label;
    }

    /// <summary>Vertebra in the spine's own frame (reference millimetres, origin at the vertebral body's centre).</summary>
    private static TissueLabel SpineAt(double x, double y)
    {
        if (Math.Abs(x) > 25 || y < -13 || y > 30)
        {
            return TissueLabel.Background;
        }

        double bx = x / 14, by = y / 12;
        if ((bx * bx) + (by * by) <= 1)
        {
            return TissueLabel.Bone;
        }

        double cy = y - 20;
        var r2 = (x * x) + (cy * cy);
        if (r2 <= 6.5 * 6.5)
        {
            return TissueLabel.SpinalCanal;
        }

        if (r2 <= 10.5 * 10.5 && y >= 10)
        {
            return TissueLabel.Bone;
        }

        if (Math.Abs(x) <= 3 && y >= 20 && y <= 29)
        {
            return TissueLabel.Bone;
        }

        return Math.Abs(x) <= 24 && Math.Abs(y - 14) <= 3 ? TissueLabel.Bone : TissueLabel.Background;
    }

    private double EffusionTop => Zt(0.05);

    private double EffusionMaxThickness => 0.3 * ChestDepth / 2;

    private double AscitesThickness => 0.07 * AbdomenWidth;

    private double EffusionThickness(double z)
    {
        var t = Math.Clamp((EffusionTop - z) / (EffusionTop - ZDome), 0, 1);
        return EffusionMaxThickness * Math.Pow(t, 0.7);
    }

    private bool IsPleuralEffusion(double x, double y, double z, double cavityDepth) =>
        Case.Name == "pleural-effusion" && x < -Xc(0.05) && y > -Yc(0.2) && cavityDepth < EffusionThickness(z);

    /// <summary>Paints the shapes of a row over the base tissue.</summary>
    public static TissueLabel Paint(double x, double y, double z, ReadOnlySpan<Shape> shapes, TissueLabel label, BodyZone zone, ref Material material)
    {
        foreach (var shape in shapes)
        {
            if (x < shape.MinX || x > shape.MaxX || (shape.Regions & zone) == 0 || ((shape.Over >> (int)label) & 1) == 0)
            {
                continue;
            }

            if (shape.Contains(x, y, z))
            {
                label = shape.Label;
                material = shape.MaterialAt(x, y, z);
            }
        }

        return label;
    }

    /// <summary>The label and material at one point (for landmarks and tests): base tissue, then every shape.</summary>
    public TissueLabel ClassifyPoint(double x, double y, double z, out Material material)
    {
        var slice = Slice(z);
        var label = ClassifyBase(x, y, slice, out material, out var zone);
        return Paint(x, y, z, slice.Shapes.Where(s => y >= s.MinY && y <= s.MaxY).ToArray(), label, zone, ref material);
    }
}
