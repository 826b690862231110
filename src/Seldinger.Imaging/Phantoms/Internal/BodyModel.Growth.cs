namespace Seldinger.Imaging.Phantoms.Internal;

/// <summary>
/// Structures an ablation plan must spare: the growth plates (physes) of the hip and knee while they are
/// open, and the bile ducts at the liver hilum. Their sizes, closure ages and CT numbers are in the
/// <c>physes</c> and <c>bile-ducts</c> tables of the anthropometry file.
/// </summary>
/// <remarks>
/// A plate or duct thinner than the voxel grid would fall between voxel centres and vanish or break up,
/// so each is drawn at least as thick as the grid needs to hold it without gaps (a plate: the grid's
/// extent along its normal; a duct: half the voxel diagonal as its radius). The landmarks keep the true
/// sizes of the tables.
/// </remarks>
internal sealed partial class BodyModel
{
    private static readonly ulong BoneOnly = Shape.LabelBits(TissueLabel.Bone);

    /// <summary>Thickness of an open growth plate at this age, mm.</summary>
    public double PhysisThickness => V("physisThicknessMm");

    /// <summary>
    /// Height of the centre of the distal femoral physis: at the top of the condyles, where the model's
    /// epiphysis (drawn as cartilage with the joint) meets the bone of the metaphysis.
    /// </summary>
    public double DistalFemoralPhysisZ => ZKnee + KneeJoint + (1.7 * CondyleRadius);

    /// <summary>Height of the centre of the proximal tibial physis, under the plateau.</summary>
    public double ProximalTibialPhysisZ => ZKnee - (KneeJoint / 2) - (0.55 * CondyleRadius);

    /// <summary>
    /// Whether the physis named <paramref name="key"/> (e.g. <c>distalFemoral</c>) is open at this age: below
    /// the mean of the girls' and boys' closure ages of the tables (the phantom is sized by the mean of both).
    /// </summary>
    public bool PhysisOpen(string key) =>
        _age < (_tables.Constant(key + "PhysisClosureGirlsYears") + _tables.Constant(key + "PhysisClosureBoysYears")) / 2;

    /// <summary>Half the thickness to draw a plate with normal <paramref name="n"/>: the table's, or enough for the grid.</summary>
    private double PlateHalfThickness(Point n)
    {
        var u = n.Normalized;
        var grid = (Math.Abs(u.X) * _grid.X) + (Math.Abs(u.Y) * _grid.Y) + (Math.Abs(u.Z) * _grid.Z);
        return Math.Max(PhysisThickness, grid) / 2;
    }

    /// <summary>The radius to draw a duct of true radius <paramref name="r"/>: at least half the voxel diagonal.</summary>
    private double DuctRadius(double r) => Math.Max(r, 0.5 * _grid.Length);

    /// <summary>The capital femoral physis: a disc across the head–neck junction, clipped to the head.</summary>
    private void CapitalFemoralPhysis(string name, Point head, Point shaftTop)
    {
        if (!PhysisOpen("capitalFemoral"))
        {
            return;
        }

        var rh = HeadRadius;
        var axis = (shaftTop - head).Normalized;
        var center = head + (axis * (0.5 * rh));
        Add(new DiscShape(TissueLabel.Physis, Material.Physis, center, axis, rh, PlateHalfThickness(axis)) { Over = BoneOnly, ClipCenter = head, ClipRadius = rh });
        Landmark($"physis-capital-femur-{name}", center, null, axis, PhysisThickness);
    }

    /// <summary>The distal femoral and proximal tibial physes: flat plates across the bone at the knee.</summary>
    private void KneePhyses(int side, string name, double yk)
    {
        var rc = CondyleRadius;
        var half = PlateHalfThickness(Up);
        if (PhysisOpen("distalFemoral"))
        {
            var z = DistalFemoralPhysisZ;
            Add(new CylinderShape(TissueLabel.Physis, Material.Physis, side * LegX, yk, 1.3 * rc, 1.0 * rc, z - half, z + half) { Over = BoneOnly | Shape.LabelBits(TissueLabel.Cartilage) });
            Landmark($"physis-distal-femur-{name}", new Point(side * LegX, yk, z), null, Up, PhysisThickness);
        }

        if (PhysisOpen("proximalTibial"))
        {
            var z = ProximalTibialPhysisZ;
            Add(new CylinderShape(TissueLabel.Physis, Material.Physis, side * LegX, yk, 1.3 * rc, 0.95 * rc, z - half, z + half) { Over = BoneOnly });
            Landmark($"physis-proximal-tibia-{name}", new Point(side * LegX, yk, z), null, Up, PhysisThickness);
        }
    }

    /// <summary>
    /// Bile ducts: the common hepatic and common bile duct alongside (anterior and to the right of) the main
    /// portal vein from the hilum down towards the duodenum and pancreatic head, and the right and left hepatic
    /// ducts alongside the first part of the portal branches. Drawn in liver and cavity fat, and through the
    /// small-bowel loops that fill the region of the (undrawn) duodenum and pancreatic head; never over vessels.
    /// </summary>
    private void BuildBileDucts(double rPortal, Point portalStart, Point portalEnd)
    {
        double rCbd = R("commonBileDuctMm"), rHd = R("hepaticDuctMm");
        var over = Shape.LabelBits(TissueLabel.Liver, TissueLabel.Fat, TissueLabel.Ascites, TissueLabel.Bowel);
        var axis = (portalEnd - portalStart).Normalized;
        var offset = Perpendicular(new Point(-0.6, -1, 0), axis) * (rPortal + rCbd + 3);
        var hilum = portalEnd + offset;
        var low = portalStart + offset;
        var ampulla = Ref(-16, -6, -32);
        Tube(TissueLabel.BileDuct, Material.Bile, hilum, low, DuctRadius(rCbd), DuctRadius(rCbd), over);
        Tube(TissueLabel.BileDuct, Material.Bile, low, ampulla, DuctRadius(rCbd), DuctRadius(rCbd), over);
        Landmark("bile-duct-confluence", hilum, 2 * rCbd, low - hilum);
        Landmark("common-bile-duct", hilum.Lerp(low, 0.5), 2 * rCbd, low - hilum);
        Landmark("common-bile-duct-distal", ampulla, 2 * rCbd, ampulla - low);

        // The right hepatic duct is short (it soon divides); the left one runs further along its portal vein.
        foreach (var (end, portalRadius, length, name) in new[] { (Ref(-60, -12, -6), 0.8 * rPortal, 0.2, "right"), (Ref(15, -28, 25), 0.7 * rPortal, 0.4, "left") })
        {
            var branch = end - portalEnd;
            var tip = portalEnd + (branch * length) + (Perpendicular(new Point(0, -0.3, 1), branch.Normalized) * (portalRadius + rHd + 3));
            Tube(TissueLabel.BileDuct, Material.Bile, hilum, tip, DuctRadius(rHd), DuctRadius(rHd), over);
            Landmark($"{name}-hepatic-duct", tip, 2 * rHd, tip - hilum);
        }
    }

    /// <summary>The unit vector of <paramref name="v"/> without its component along the unit <paramref name="axis"/>.</summary>
    private static Point Perpendicular(Point v, Point axis)
    {
        var along = (v.X * axis.X) + (v.Y * axis.Y) + (v.Z * axis.Z);
        return (v - (axis * along)).Normalized;
    }

    /// <summary>
    /// The osteoid osteoma case: the nidus in the anteromedial cortex of the distal right femoral metaphysis,
    /// its centre <paramref name="aboveFaceMm"/> above the upper face of the open distal femoral physis.
    /// </summary>
    private void OsteoidOsteomaNearPhysis(double aboveFaceMm)
    {
        var face = DistalFemoralPhysisZ + (PhysisThickness / 2);
        var z = face + aboveFaceMm;
        var top = FemoralShaftTop(Right);
        var bottom = FemoralShaftBottom(Right);
        var axis = top.Lerp(bottom, Math.Clamp((top.Z - z) / (top.Z - bottom.Z), 0, 1));
        axis = new Point(axis.X, axis.Y, z);
        var dir = new Point(0.5, -0.87, 0).Normalized;

        // The bone's outer surface along the direction, found on the model itself (shaft or metaphysis).
        var reach = 0.0;
        while (reach < 3 * KneeRadius && ClassifyPoint(axis.X + (dir.X * (reach + 0.1)), axis.Y + (dir.Y * (reach + 0.1)), z, out _) == TissueLabel.Bone)
        {
            reach += 0.1;
        }

        var c = axis + (dir * (0.85 * Math.Max(reach, 1)));
        var rn = Math.Clamp(0.6 * ShaftRadius, 2, 5);
        Add(new EllipsoidShape(TissueLabel.Bone, Material.SclerosisBone, c.X, c.Y, c.Z, 2.2 * rn, 2.2 * rn, 2.8 * rn) { Over = Shape.LabelBits(TissueLabel.Bone, TissueLabel.Muscle, TissueLabel.Fat) });
        Add(new EllipsoidShape(TissueLabel.Lesion, Material.Nidus, c.X, c.Y, c.Z, rn, rn, rn) { Over = AnyBody });
        Add(new EllipsoidShape(TissueLabel.Lesion, Material.NidusCalcification, c.X, c.Y, c.Z, 0.3 * rn, 0.3 * rn, 0.3 * rn) { Over = AnyBody });
        SetTarget(TissueLabel.Lesion, Material.NidusCalcification, c, 2 * rn,
            "Osteoid osteoma nidus in the anteromedial cortex of the distal right femoral metaphysis, above the open distal femoral physis", true);
        Landmark("nidus-to-physis", new Point(c.X, c.Y, face), null, Up, null, c.Z - face);
    }
}
