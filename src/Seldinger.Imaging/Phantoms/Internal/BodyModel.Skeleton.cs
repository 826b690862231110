namespace Seldinger.Imaging.Phantoms.Internal;

internal sealed partial class BodyModel
{
    private static readonly ulong AnyBody = Shape.AllBut(TissueLabel.Background);

    private double CondyleRadius => 0.33 * KneeRadius;

    private double KneeJoint => 0.3 * CondyleRadius;

    private double ShaftRadius => 0.5 * HeadRadius;

    private Point FemoralShaftTop(int side) => new(side * (HipX + (1.6 * HeadRadius)), 0, ZHip - HeadRadius);

    private Point FemoralShaftBottom(int side) => new(side * LegX, 0, ZKnee + (2.0 * CondyleRadius));

    private void Bone(Shape shape) => Add(shape);

    private void BoneTube(Point a, Point b, double ra, double rb, double marrowFraction = 0)
    {
        Add(new TubeShape(TissueLabel.Bone, Material.CorticalBone, a, b, ra, rb) { Over = AnyBody });
        if (marrowFraction > 0)
        {
            Add(new TubeShape(TissueLabel.Bone, Material.Marrow, a, b, ra * marrowFraction, rb * marrowFraction) { Over = Shape.LabelBits(TissueLabel.Bone) });
        }
    }

    private void BuildSkeleton()
    {
        var cartilage = TissueLabel.Cartilage;
        foreach (var side in new[] { Right, Left })
        {
            var name = side == Right ? "right" : "left";

            // Hip: cartilage and joint space around the femoral head, the head, the acetabulum.
            var head = new Point(side * HipX, 0, ZHip);
            var rh = HeadRadius;
            var joint = (0.12 * rh) + 0.3;
            var roof = new Point(-side * 0.5, 0, 0.85).Normalized;
            var cut = (head - (roof * (0.4 * rh)), roof);
            Add(new ShellShape(cartilage, Material.Cartilage, head, new Point(rh + joint, rh + joint, rh + joint), new Point(rh * 0.98, rh * 0.98, rh * 0.98), cut) { Over = AnyBody });
            Add(new EllipsoidShape(TissueLabel.Bone, Material.Marrow, head.X, head.Y, head.Z, rh, rh, rh) { Over = AnyBody });
            var rOut = rh + joint + (0.35 * rh);
            Add(new ShellShape(TissueLabel.Bone, Material.CorticalBone, head, new Point(rOut, rOut, rOut), new Point(rh + joint, rh + joint, rh + joint), (head - (roof * (0.25 * rh)), roof))
            { Over = Shape.AllBut(TissueLabel.Background, TissueLabel.Cartilage) });
            Landmark($"{name}-hip-joint", head, null, null);

            // Femur: neck, greater trochanter, shaft with marrow, condyles.
            var shaftTop = FemoralShaftTop(side);
            var shaftBottom = FemoralShaftBottom(side);
            BoneTube(head, shaftTop, 0.55 * rh, 0.55 * rh, 0.5);
            Bone(new EllipsoidShape(TissueLabel.Bone, Material.CorticalBone, side * (HipX + (1.9 * rh)), 0.1 * rh, ZHip - (0.5 * rh), 0.6 * rh, 0.6 * rh, 0.6 * rh) { Over = AnyBody });
            BoneTube(shaftTop, shaftBottom, ShaftRadius, ShaftRadius, 0.55);

            // Knee: cartilage caps and joint space, condyles, tibial plateau and shaft, fibula, patella.
            var rc = CondyleRadius;
            var jt = KneeJoint;
            var yk = 0.05 * KneeRadius;
            var condyle = new Point(side * LegX, yk, ZKnee + (jt / 2) + (0.85 * rc));
            Add(new EllipsoidShape(cartilage, Material.Cartilage, condyle.X, condyle.Y, condyle.Z, (1.3 * rc) + (jt / 2), (0.95 * rc) + (jt / 2), (0.85 * rc) + (jt / 2)) { Over = AnyBody });
            Add(new CylinderShape(cartilage, Material.Cartilage, side * LegX, yk, 1.25 * rc, 0.9 * rc, ZKnee - (jt / 2), ZKnee) { Over = AnyBody });
            Bone(new EllipsoidShape(TissueLabel.Bone, Material.Marrow, condyle.X, condyle.Y, condyle.Z, 1.3 * rc, 0.95 * rc, 0.85 * rc) { Over = Shape.AllBut(TissueLabel.Background, TissueLabel.Cartilage) });
            Bone(new EllipsoidShape(TissueLabel.Bone, Material.Marrow, side * LegX, yk, ZKnee + (jt / 2) + (1.6 * rc), 1.0 * rc, 0.8 * rc, 1.0 * rc) { Over = Shape.AllBut(TissueLabel.Background, TissueLabel.Cartilage) });
            Bone(new CylinderShape(TissueLabel.Bone, Material.Marrow, side * LegX, yk, 1.25 * rc, 0.9 * rc, ZKnee - (jt / 2) - rc, ZKnee - (jt / 2)) { Over = Shape.AllBut(TissueLabel.Background, TissueLabel.Cartilage) });
            BoneTube(new Point(side * LegX, yk, ZKnee - (jt / 2) - (0.8 * rc)), new Point(side * LegX, yk, ZLegBottom), 0.45 * rc, 0.4 * rc, 0.5);
            KneePhyses(side, name, yk);
            BoneTube(new Point(side * (LegX + rc), 0.35 * rc, ZKnee - (0.5 * rc)), new Point(side * (LegX + (0.9 * rc)), 0.4 * rc, ZLegBottom), 0.2 * rc, 0.18 * rc);
            Bone(new EllipsoidShape(TissueLabel.Bone, Material.CorticalBone, side * LegX, yk - (1.45 * rc), ZKnee + (1.1 * rc), 0.6 * rc, 0.3 * rc, 0.65 * rc) { Over = AnyBody });
            Landmark($"{name}-knee-joint", new Point(side * LegX, yk, ZKnee), jt, null);

            // Pelvis: iliac wing, pubic rami, ischium.
            var span = ZCrest - ZHip;
            var wing = new Point(side * 0.1 * PelvisWidth, 0.05 * PelvisDepth, ZHip);
            var outer = new Point(0.33 * PelvisWidth, 0.3 * PelvisDepth, span);
            var thick = 0.035 * PelvisWidth;
            Add(new ShellShape(TissueLabel.Bone, Material.CorticalBone, wing, outer, new Point(outer.X - thick, outer.Y - thick, outer.Z - thick),
                (new Point(side * 0.12 * PelvisWidth, 0, 0), new Point(side, 0, 0)),
                (new Point(0, 0, ZHip + (0.3 * rh)), new Point(0, 0, 1)),
                (new Point(0, 0.25 * PelvisDepth, 0), new Point(0, -1, 0)),
                (new Point(0, -0.3 * PelvisDepth, 0), new Point(0, 1, 0)))
            { Over = AnyBody });
            BoneTube(new Point(side * (HipX - (0.6 * rh)), -0.7 * rh, ZHip - (0.1 * rh)), new Point(side * 0.03 * PelvisWidth, -0.3 * PelvisDepth, ZHip - rh), 0.3 * rh, 0.3 * rh);
            var tuberosity = new Point(side * 0.2 * PelvisWidth, 0.15 * PelvisDepth, ZHip - (2.6 * rh));
            BoneTube(new Point(side * 0.9 * HipX, 0.5 * rh, ZHip - (0.9 * rh)), tuberosity, 0.35 * rh, 0.35 * rh);
            BoneTube(tuberosity, new Point(side * 0.03 * PelvisWidth, -0.28 * PelvisDepth, ZHip - (1.8 * rh)), 0.25 * rh, 0.25 * rh);

            // Arm: humeral head and shaft, radius and ulna.
            var r = ArmRadius;
            Bone(new EllipsoidShape(TissueLabel.Bone, Material.Marrow, side * (ArmX - (0.1 * r)), 0, Zt(0.02), 0.38 * r, 0.38 * r, 0.38 * r) { Over = AnyBody });
            BoneTube(new Point(side * ArmX, 0.05 * r, Zt(0.02)), new Point(side * ArmX, 0.05 * r, ZElbow), 0.17 * r, 0.17 * r, 0.5);
            BoneTube(new Point(side * (ArmX - (0.25 * r)), -0.1 * r, ZElbow), new Point(side * (ArmX - (0.2 * r)), -0.2 * r, ZWrist), 0.1 * r, 0.1 * r);
            BoneTube(new Point(side * (ArmX + (0.2 * r)), 0.2 * r, ZElbow), new Point(side * (ArmX + (0.15 * r)), 0.1 * r, ZWrist), 0.1 * r, 0.08 * r);

            // Clavicle from the sternum to the shoulder.
            var top = TrunkRadii(ZSternalNotch);
            var rCl = 0.018 * ChestWidth;
            BoneTube(new Point(side * Xc(0.1), -(top.B - SkinMm - FatMm - rCl - 1), ZSternalNotch + (0.005 * T)), new Point(side * 0.5 * ChestWidth, Yc(-0.1), ZSternalNotch + (0.02 * T)), rCl, rCl);

            // Capital femoral physis last, so that it stays where other bones of this side reach into the head.
            CapitalFemoralPhysis(name, head, shaftTop);
        }

        // Sacrum between the iliac wings.
        var spanS = ZCrest - ZHip;
        Add(new EllipsoidShape(TissueLabel.Bone, Material.CorticalBone, 0, 0.3 * PelvisDepth, ZHip + (0.45 * spanS), 0.14 * PelvisWidth, 0.1 * PelvisDepth, 0.6 * spanS) { Over = AnyBody });
    }

    private void SetTarget(TissueLabel label, Material material, Point center, double size, string description, bool pathology)
    {
        Target = new PhantomTarget(label, new Geometry.WorldPoint(center.X, center.Y, center.Z), size, description, pathology);
        TargetMaterial = material;
    }

    private void BuildPathology(EllipsoidShape kidneyLeft)
    {
        var over = NotVesselOrBone;
        switch (Case.Name)
        {
            case "liver-tumor":
                {
                    var c = Ref(-50, 0, 10);
                    var r = 0.057 * AbdomenWidth;
                    Add(new EllipsoidShape(TissueLabel.Lesion, Material.LiverTumor, c.X, c.Y, c.Z, r, r, r) { Over = Shape.LabelBits(TissueLabel.Liver, TissueLabel.Vein, TissueLabel.Artery, TissueLabel.BileDuct) });
                    SetTarget(TissueLabel.Lesion, Material.LiverTumor, c, 2 * r, "Hypoattenuating solid mass in the right liver lobe", true);
                    break;
                }

            case "renal-mass":
                {
                    var c = new Point(kidneyLeft.MinX + kidneyLeft.Rx + (0.3 * kidneyLeft.Rx), kidneyLeft.MinY + kidneyLeft.Ry, kidneyLeft.MinZ + kidneyLeft.Rz - (0.45 * kidneyLeft.Rz));
                    var r = 0.55 * kidneyLeft.Rx;
                    Add(new EllipsoidShape(TissueLabel.Lesion, Material.RenalTumor, c.X, c.Y, c.Z, r, r, r) { Over = Shape.LabelBits(TissueLabel.Kidney, TissueLabel.Fat, TissueLabel.Ascites) });
                    SetTarget(TissueLabel.Lesion, Material.RenalTumor, c, 2 * r, "Solid mass of the lower half of the left kidney", true);
                    break;
                }

            case "osteoid-osteoma-femur":
                OsteoidOsteomaNearPhysis(15);
                break;

            case "pleural-effusion":
                {
                    var z = ZDome + (0.15 * (EffusionTop - ZDome));
                    var (a, b) = TrunkRadii(z);
                    var depth = SkinMm + FatMm + WallMuscle(b) + (EffusionThickness(z) / 2);
                    var c = new Point(-(a - depth), 0, z);
                    SetTarget(TissueLabel.PleuralEffusion, Material.Fluid, c, 2 * EffusionMaxThickness, "Right pleural effusion (size: largest thickness)", true);
                    break;
                }

            case "ascites":
                {
                    var span = ZCrest - ZHip;
                    var c = new Point(0, 0.1 * PelvisDepth, ZHip + (0.35 * span));
                    Add(new EllipsoidShape(TissueLabel.Ascites, Material.Fluid, c.X, c.Y, c.Z, 0.15 * PelvisWidth, 0.1 * PelvisDepth, 0.2 * span) { Over = CavityFat | Shape.LabelBits(TissueLabel.Muscle), Regions = BodyZone.Abdomen | BodyZone.Limb });
                    SetTarget(TissueLabel.Ascites, Material.Fluid, c, 2 * AscitesThickness, "Ascites along the flanks and in the pelvis (centre: the pelvic pool)", true);
                    break;
                }

            case "deep-abscess":
                {
                    var c = new Point(Xa(-0.4), Ya(-0.05), Zt(0.74));
                    var r = 0.1 * AbdomenWidth;
                    var wall = Math.Max(1.5, 0.12 * r);
                    Add(new EllipsoidShape(TissueLabel.Abscess, Material.AbscessWall, c.X, c.Y, c.Z, r, 0.85 * r, 1.1 * r) { Over = over });
                    Add(new EllipsoidShape(TissueLabel.Abscess, Material.AbscessFluid, c.X, c.Y, c.Z, r - wall, (0.85 * r) - wall, (1.1 * r) - wall) { Over = Shape.LabelBits(TissueLabel.Abscess) });
                    var gas = 0.25 * r;
                    Add(new EllipsoidShape(TissueLabel.Abscess, Material.Gas, c.X, c.Y - (0.85 * r) + wall + gas, c.Z, gas, gas, gas) { Over = Shape.LabelBits(TissueLabel.Abscess) });
                    SetTarget(TissueLabel.Abscess, Material.AbscessFluid, c, 2.2 * r, "Rim-enhancing abscess with a gas bubble deep in the right lower quadrant", true);
                    break;
                }

            case "knee-effusion":
                {
                    var rc = CondyleRadius;
                    var c = new Point(Right * LegX, (0.05 * KneeRadius) - (1.1 * rc), ZKnee + (2.2 * rc));
                    Add(new EllipsoidShape(TissueLabel.JointEffusion, Material.Fluid, c.X, c.Y, c.Z, 1.1 * rc, 0.3 * rc, 1.2 * rc) { Over = over });
                    SetTarget(TissueLabel.JointEffusion, Material.Fluid, c, 2.4 * rc, "Right knee effusion in the suprapatellar recess", true);
                    break;
                }

            case "hip-effusion":
                {
                    var rh = HeadRadius;
                    var neck = new Point(Right * HipX, 0, ZHip).Lerp(FemoralShaftTop(Right), 0.45);
                    var c = neck + new Point(0, -0.9 * rh, 0);
                    Add(new EllipsoidShape(TissueLabel.JointEffusion, Material.Fluid, c.X, c.Y, c.Z, 0.9 * rh, 0.3 * rh, 0.6 * rh) { Over = over });
                    SetTarget(TissueLabel.JointEffusion, Material.Fluid, c, 1.8 * rh, "Right hip effusion in the anterior recess along the femoral neck", true);
                    break;
                }

            case "venous-malformation":
                {
                    var z = ZKnee + (0.55 * LegLength);
                    var rt = ThighRadius;
                    var c = new Point((Right * LegX) + (Right * 0.35 * rt), -0.25 * rt, z);
                    (double Dx, double Dy, double Dz, double R)[] lobes =
                    [
                        (0, 0, 0, 0.22), (0.15, 0.1, 0.25, 0.16), (-0.1, 0.12, -0.3, 0.18), (0.12, -0.08, -0.45, 0.13), (-0.05, -0.1, 0.5, 0.12), (0.05, 0.18, 0.05, 0.14),
                ];
                    foreach (var (dx, dy, dz, r) in lobes)
                    {
                        Add(new EllipsoidShape(TissueLabel.VenousMalformation, Material.VenousMalformation, c.X + (Right * dx * rt), c.Y + (dy * rt), c.Z + (dz * rt), r * rt, 0.8 * r * rt, 1.4 * r * rt)
                        { Over = Shape.LabelBits(TissueLabel.Muscle, TissueLabel.Fat, TissueLabel.VenousMalformation) });
                    }

                    var rp = 0.03 * rt;
                    foreach (var (dx, dz) in new[] { (0.1, 0.12), (-0.05, -0.3) })
                    {
                        Add(new EllipsoidShape(TissueLabel.VenousMalformation, Material.Phlebolith, c.X + (Right * dx * rt), c.Y, c.Z + (dz * rt), rp, rp, rp) { Over = Shape.LabelBits(TissueLabel.VenousMalformation) });
                    }

                    SetTarget(TissueLabel.VenousMalformation, Material.VenousMalformation, c, 2 * 1.4 * 0.22 * rt, "Lobulated intramuscular venous malformation of the right thigh with phleboliths", true);
                    break;
                }

            case "lymphatic-malformation":
                {
                    var c = new Point(Left * 0.55 * NeckA, NeckCy + (0.15 * NeckB), ZSternalNotch + (0.5 * (ZChin - ZSternalNotch)));
                    var rBig = 0.3 * NeckA;
                    (double Dx, double Dy, double Dz, double R)[] cysts =
                    [
                        (0, 0, 0, 1), (0.5, 0.3, -0.9, 0.8), (0.9, -0.2, -1.8, 0.9), (0.2, 0.5, -1.5, 0.6), (1.3, 0.2, -2.6, 0.7),
                ];
                    var septum = 0.8;
                    var soft = Shape.LabelBits(TissueLabel.Muscle, TissueLabel.Fat, TissueLabel.Lung);
                    foreach (var (dx, dy, dz, r) in cysts)
                    {
                        var rr = r * rBig;
                        var cc = c + new Point(Left * dx * rBig, dy * rBig, dz * rBig);
                        Add(new EllipsoidShape(TissueLabel.LymphaticMalformation, Material.LymphaticSeptum, cc.X, cc.Y, cc.Z, rr, rr, rr) { Over = soft });
                        Add(new EllipsoidShape(TissueLabel.LymphaticMalformation, Material.LymphaticCyst, cc.X, cc.Y, cc.Z, rr - septum, rr - septum, rr - septum) { Over = Shape.LabelBits(TissueLabel.LymphaticMalformation) });
                    }

                    SetTarget(TissueLabel.LymphaticMalformation, Material.LymphaticCyst, c, 2 * rBig, "Macrocystic lymphatic malformation of the left neck base (centre: the largest cyst)", true);
                    break;
                }

            case "vesicles":
                {
                    var z = ZKnee + (0.6 * LegLength);
                    var r = LegRadius(z) * 1.05;
                    (double Angle, double Dz, double R)[] vesicles =
                    [
                        (0, 0, 2.2), (0.12, 4, 1.6), (-0.1, 3, 1.4), (0.06, -5, 1.8), (-0.15, -3, 1.2), (0.2, -1, 1.5), (-0.05, 8, 1.3), (0.1, -9, 1.6),
                    (-0.2, 6, 1.1), (0.25, 5, 1.4), (0.02, 12, 1.2), (-0.12, -10, 1.5),
                ];
                    foreach (var (angle, dz, rv) in vesicles)
                    {
                        var a = Math.PI + angle;
                        var radial = r - (SkinMm / 2);
                        var p = new Point((Right * LegX) + (radial * Math.Cos(a)), 0.95 / 1.05 * radial * Math.Sin(a), z + dz);
                        Add(new EllipsoidShape(TissueLabel.Vesicle, Material.Vesicle, p.X, p.Y, p.Z, rv, rv, rv)
                        { Over = Shape.LabelBits(TissueLabel.Background, TissueLabel.Skin, TissueLabel.Fat), Regions = BodyZone.All });
                        if (dz == 0)
                        {
                            SetTarget(TissueLabel.Vesicle, Material.Vesicle, p, 2 * rv, "Largest of 12 superficial vesicles on the right lateral thigh", true);
                        }
                    }

                    break;
                }

            case "gastrostomy":
                SetTarget(TissueLabel.Stomach, Material.Gas, StomachCenter, StomachSize, "Air-distended stomach for a gastrostomy window", false);
                break;

            default:
                break;
        }
    }

    /// <summary>Access targets of the vessel cases, taken from the landmarks once they are resolved.</summary>
    public void ResolveAccessTarget()
    {
        var (name, description) = Case.Name switch
        {
            "picc-arm" => ("right-basilic-vein", "Right basilic vein at mid upper arm (PICC access)"),
            "port-chest" => ("right-subclavian-vein", "Right subclavian vein (port access)"),
            "dialysis-jugular" => ("right-internal-jugular-vein", "Right internal jugular vein at mid neck (tunneled dialysis catheter access)"),
            _ => (null, null),
        };
        if (name is null || Target is not null)
        {
            return;
        }

        var landmark = _landmarks.First(l => l.Name == name);
        SetTarget(TissueLabel.Vein, Material.VenousBlood, new Point(landmark.Point.X, landmark.Point.Y, landmark.Point.Z), landmark.DiameterMm ?? 0, description!, false);
    }
}
