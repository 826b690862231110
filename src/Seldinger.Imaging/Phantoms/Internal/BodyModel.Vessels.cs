namespace Seldinger.Imaging.Phantoms.Internal;

internal sealed partial class BodyModel
{
    private static readonly Point Up = new(0, 0, 1);

    // Positions shared by arteries and veins.
    private double IjX => 0.45 * NeckA;

    private double IjY => NeckCy - (0.05 * NeckB);

    private double HipX => 0.27 * PelvisWidth;

    private double HeadRadius => 0.075 * PelvisWidth;

    private double FemoralArteryX => 0.95 * HipX;

    private double FemoralY => -(HeadRadius + (0.06 * PelvisWidth));

    private double PoplitealY => 0.42 * KneeRadius;

    private double AdductorHiatusZ => ZKnee + (0.35 * LegLength);

    private double PoplitealTopZ => ZKnee + (0.15 * LegLength);

    private double BasilicOffset => ArmRadius - SkinMm - (FatMm / 2);

    private Point AbdominalAorta(double z) => new(Xa(0.076), Ya(0.2), z);

    private static Point Hilum(EllipsoidShape kidney, int side) =>
        new(kidney.MinX + kidney.Rx - (side * 0.55 * kidney.Rx), (kidney.MinY + kidney.Ry) - (0.3 * kidney.Ry), kidney.MinZ + kidney.Rz);

    private void BuildArteries(ulong over, EllipsoidShape kidneyRight, EllipsoidShape kidneyLeft)
    {
        var art = TissueLabel.Artery;
        var blood = Material.ArterialBlood;
        double rAsc = R("ascendingAortaMm"), rDesc = R("descendingAortaMm"), rAbd = R("abdominalAortaMm");

        // Aorta: ascending, arch, descending thoracic, abdominal (vertical), bifurcation.
        Point root = new(Xc(0.05), Yc(-0.12), Zt(0.20)), archStart = new(Xc(0.02), Yc(-0.18), Zt(0.09));
        Point archTop = new(Xc(0.08), Yc(0.0), Zt(0.06)), archEnd = new(Xc(0.2), Yc(0.22), Zt(0.09));
        Point diaphragm = AbdominalAorta(Zt(0.30)), bifurcation = AbdominalAorta(Zt(0.62));
        Tube(art, blood, root, archStart, rAsc, rAsc, over);
        Tube(art, blood, archStart, archTop, rAsc, (rAsc + rDesc) / 2, over);
        Tube(art, blood, archTop, archEnd, (rAsc + rDesc) / 2, rDesc, over);
        Tube(art, blood, archEnd, diaphragm, rDesc, rAbd, over);
        Tube(art, blood, diaphragm, bifurcation, rAbd, rAbd, over);
        Landmark("aorta-ascending", root.Lerp(archStart, 0.5), 2 * rAsc, archStart - root);
        Landmark("aorta-abdominal", AbdominalAorta(Zt(0.52)), 2 * rAbd, Up);

        // Arch branches to the neck and arms.
        double rBct = R("brachiocephalicTrunkMm"), rCca = R("commonCarotidMm"), rSca = R("subclavianArteryMm"), rBra = R("brachialArteryMm");
        var ccaX = IjX - R("internalJugularVeinMm") - rCca - 0.6;
        var neckLow = Zt(-0.05);
        Point bctTop = new(Xc(-0.12), Yc(-0.05), Zt(0.01));
        Tube(art, blood, new Point(Xc(0.0), Yc(-0.12), Zt(0.085)), bctTop, rBct, rBct, over);
        Path(art, blood, rCca, over, bctTop, new Point(-ccaX, IjY, neckLow), new Point(-ccaX, IjY, NeckTop));
        Path(art, blood, rCca, over, new Point(Xc(0.06), Yc(-0.06), Zt(0.075)), new Point(ccaX, IjY, neckLow), new Point(ccaX, IjY, NeckTop));
        Landmark("right-common-carotid-artery", new Point(-ccaX, IjY, (ZSternalNotch + ZChin) / 2), 2 * rCca, Up);
        foreach (var side in new[] { Right, Left })
        {
            var origin = side == Right ? bctTop : new Point(Xc(0.12), Yc(0.1), Zt(0.08));
            Point axilla = new(side * ((ChestWidth / 2) + (0.2 * ArmRadius)), Yc(0.05), Zt(0.04));
            Point armTop = new(side * (ArmX - (0.4 * ArmRadius)), -0.15 * ArmRadius, Zt(0.12));
            Path(art, blood, rSca, over, origin, new Point(side * Xc(0.3), Yc(0.0), Zt(-0.005)), axilla);
            Tube(art, blood, axilla, armTop, rSca, rBra, over);
            Tube(art, blood, armTop, new Point(armTop.X, armTop.Y, ZElbow), rBra, rBra, over);
        }

        // Visceral and renal arteries.
        double rCel = R("celiacMm"), rSma = R("smaMm"), rRen = R("renalArteryMm");
        Tube(art, blood, AbdominalAorta(Zt(0.40)), new Point(Xa(0.05), Ya(-0.2), Zt(0.40)), rCel, rCel, over);
        Path(art, blood, rSma, over, AbdominalAorta(Zt(0.42)), new Point(Xa(0.06), Ya(-0.15), Zt(0.44)), new Point(Xa(0.04), Ya(-0.25), Zt(0.56)));
        var stenosis = Case.Name == "renal-artery-stenosis";
        var aneurysm = Case.Name == "aneurysm";
        foreach (var side in new[] { Right, Left })
        {
            var kidney = side == Right ? kidneyRight : kidneyLeft;
            var hilum = Hilum(kidney, side);
            var origin = new Point(Xa(0.076) + (side * 0.8 * rAbd), Ya(0.2), hilum.Z + (0.02 * T));
            if (side == Right && stenosis)
            {
                // Focal stenosis: 60 % narrowing of the diameter a quarter to half way along.
                Point p1 = origin.Lerp(hilum, 0.25), p2 = origin.Lerp(hilum, 0.35), p3 = origin.Lerp(hilum, 0.45);
                Tube(art, blood, origin, p1, rRen, rRen, over);
                Tube(art, blood, p1, p2, rRen, 0.4 * rRen, over);
                Tube(art, blood, p2, p3, 0.4 * rRen, rRen, over);
                Tube(art, blood, p3, hilum, rRen, rRen, over);
                SetTarget(TissueLabel.Artery, Material.ArterialBlood, p2, 0.8 * rRen,
                    "60 % diameter stenosis of the proximal right renal artery (residual lumen diameter as size)", true);
            }
            else
            {
                Tube(art, blood, origin, hilum, rRen, rRen, over);
            }

            if (side == Left && aneurysm)
            {
                var mid = origin.Lerp(hilum, 0.5);
                var radius = 1.5 * 2 * rRen;
                var center = mid + (new Point(0, -0.6, 0.8).Normalized * (0.7 * radius));
                Add(new EllipsoidShape(TissueLabel.Aneurysm, Material.ArterialBlood, center.X, center.Y, center.Z, radius, radius, radius) { Over = over | Shape.LabelBits(TissueLabel.Artery, TissueLabel.Vein) });
                SetTarget(TissueLabel.Aneurysm, Material.ArterialBlood, center, 2 * radius, "Saccular aneurysm of the left renal artery", true);
            }

            Landmark(side == Right ? "right-renal-artery-origin" : "left-renal-artery-origin", origin, 2 * rRen, hilum - origin);
        }

        // Iliac and femoral arteries, popliteal artery.
        double rCia = R("commonIliacArteryMm"), rFa = R("femoralArteryMm");
        foreach (var side in new[] { Right, Left })
        {
            Point iliac = new(side * Xa(0.28), Ya(0.2), Zt(0.72)), groin = new(side * FemoralArteryX, FemoralY, ZHip + (0.03 * T));
            Point thigh = new(side * FemoralArteryX, FemoralY, AdductorHiatusZ);
            Point popliteal = new(side * LegX, PoplitealY, PoplitealTopZ);
            Tube(art, blood, bifurcation, iliac, rCia, rCia, over);
            Tube(art, blood, iliac, groin, rCia, rFa, over);
            Path(art, blood, rFa, over, groin, thigh, popliteal);
            Tube(art, blood, popliteal, new Point(popliteal.X, popliteal.Y, ZLegBottom), 0.8 * rFa, 0.7 * rFa, over);
            Landmark(side == Right ? "right-femoral-artery" : "left-femoral-artery", new Point(side * FemoralArteryX, FemoralY, ZHip - (0.3 * LegLength)), 2 * rFa, Up);
        }
    }

    private void BuildVeins(ulong over, EllipsoidShape kidneyRight, EllipsoidShape kidneyLeft, EllipsoidShape heart)
    {
        var vein = TissueLabel.Vein;
        var blood = Material.VenousBlood;
        double rIvc = R("inferiorVenaCavaMm"), rSvc = R("superiorVenaCavaMm"), rIj = R("internalJugularVeinMm"), rScv = R("subclavianVeinMm");
        double rBcv = R("brachiocephalicVeinMm"), rBas = R("basilicVeinMm"), rCiv = R("commonIliacVeinMm"), rFv = R("femoralVeinMm"), rRv = R("renalVeinMm");

        // Inferior vena cava to the right atrium.
        Point ivcLow = new(Xa(-0.19), Ya(0.13), Zt(0.64)), ivcHigh = new(Xa(-0.19), Ya(0.13), Zt(0.26));
        Tube(vein, blood, ivcLow, ivcHigh, rIvc, rIvc, over);
        Tube(vein, blood, ivcHigh, new Point(Xc(-0.1), Yc(-0.08), Zt(0.22)), rIvc, rIvc, over);
        Landmark("ivc-infrarenal", new Point(ivcLow.X, ivcLow.Y, Zt(0.56)), 2 * rIvc, Up);

        // Superior vena cava; the cavo-atrial junction is where it enters the heart.
        Point svcTop = new(Xc(-0.2), Yc(-0.08), Zt(0.05)), svcLow = new(Xc(-0.2), Yc(-0.08), Zt(0.24));
        Tube(vein, blood, svcTop, svcLow, rSvc, rSvc, over);
        var caj = svcTop;
        for (var z = svcTop.Z; z > svcLow.Z; z -= 0.1)
        {
            if (heart.Contains(svcTop.X, svcTop.Y, z))
            {
                caj = new Point(svcTop.X, svcTop.Y, z);
                break;
            }
        }

        Landmark("superior-vena-cava", new Point(svcTop.X, svcTop.Y, (svcTop.Z + caj.Z) / 2), 2 * rSvc, Up);
        Landmark("cavo-atrial-junction", caj, 2 * rSvc, Up);

        // Jugular, subclavian, axillary and basilic veins, brachiocephalic veins to the SVC.
        foreach (var side in new[] { Right, Left })
        {
            Point angle = new(side * IjX, IjY, Zt(0.02));
            Tube(vein, blood, angle, new Point(angle.X, angle.Y, NeckTop), rIj, rIj, over);
            var name = side == Right ? "right" : "left";
            Landmark($"{name}-internal-jugular-vein", new Point(angle.X, angle.Y, (ZSternalNotch + ZChin) / 2), 2 * rIj, Up);
            if (side == Right)
            {
                Tube(vein, blood, angle, svcTop, rBcv, rSvc, over);
            }
            else
            {
                Path(vein, blood, rBcv, over, angle, new Point(Xc(0.0), Yc(-0.3), Zt(0.035)), svcTop);
            }

            Point underClavicle = new(side * 0.36 * ChestWidth, Yc(-0.45), Zt(0.01));
            Point axilla = new(side * 0.49 * ChestWidth, Yc(-0.2), Zt(0.05));
            Point armTop = new(side * (ArmX - (0.45 * ArmRadius)), 0, Zt(0.14));
            var basilicX = side * (ArmX - (BasilicOffset * Math.Cos(Math.PI / 6)));
            var basilicY = -BasilicOffset * Math.Sin(Math.PI / 6);
            Point basilicTop = new(basilicX, basilicY, Zt(0.24));
            Path(vein, blood, rScv, over, angle, underClavicle, axilla);
            Tube(vein, blood, axilla, armTop, rScv, rBas * 1.3, over);
            Tube(vein, blood, armTop, basilicTop, rBas * 1.3, rBas, over);
            Tube(vein, blood, basilicTop, new Point(basilicX, basilicY, ZElbow), rBas, rBas, over);
            Landmark($"{name}-subclavian-vein", angle.Lerp(underClavicle, 0.5), 2 * rScv, underClavicle - angle);
            Landmark($"{name}-basilic-vein", new Point(basilicX, basilicY, (basilicTop.Z + ZElbow) / 2), 2 * rBas, Up);
        }

        // Renal veins (the left one crosses in front of the aorta).
        foreach (var side in new[] { Right, Left })
        {
            var kidney = side == Right ? kidneyRight : kidneyLeft;
            var hilum = Hilum(kidney, side) + new Point(0, -0.35 * kidney.Ry, 0.1 * kidney.Rz);
            var ivc = new Point(ivcLow.X, ivcLow.Y, hilum.Z);
            if (side == Right)
            {
                Tube(vein, blood, hilum, ivc, rRv, rRv, over);
            }
            else
            {
                var front = new Point(Xa(0.076), Ya(0.2) - R("abdominalAortaMm") - rRv - 1, hilum.Z);
                Path(vein, blood, rRv, over, hilum, front, ivc);
            }
        }

        // Iliac, femoral and popliteal veins (medial to, then behind, the arteries).
        var rFa = R("femoralArteryMm");
        foreach (var side in new[] { Right, Left })
        {
            var x = side * (FemoralArteryX - rFa - rFv - 1);
            Point iliac = new(side * Xa(0.3), Ya(0.3), Zt(0.74)), groin = new(x, FemoralY, ZHip + (0.03 * T));
            Point thigh = new(x, FemoralY, AdductorHiatusZ);
            var popY = PoplitealY + (0.8 * rFa) + (0.85 * rFv) + 0.6;
            Point popliteal = new(side * LegX, popY, PoplitealTopZ);
            Tube(vein, blood, ivcLow, iliac, rCiv, rCiv, over);
            Tube(vein, blood, iliac, groin, rCiv, rFv, over);
            Path(vein, blood, rFv, over, groin, thigh, popliteal);
            Tube(vein, blood, popliteal, new Point(popliteal.X, popliteal.Y, ZLegBottom), 0.85 * rFv, 0.75 * rFv, over);
            Landmark(side == Right ? "right-femoral-vein" : "left-femoral-vein", new Point(x, FemoralY, ZHip - (0.3 * LegLength)), 2 * rFv, Up);
        }
    }

    private void BuildNerves()
    {
        var over = Shape.AllBut(TissueLabel.Background, TissueLabel.Bone, TissueLabel.Artery, TissueLabel.Vein, TissueLabel.Skin);
        double rSci = R("sciaticNerveMm"), rFem = R("femoralNerveMm"), rFa = R("femoralArteryMm");
        foreach (var side in new[] { Right, Left })
        {
            Point top = new(side * 0.85 * HipX, 0.45 * ThighRadius, ZHip - HeadRadius), bottom = new(side * LegX, 0.45 * ThighRadius, ZKnee + (0.4 * LegLength));
            Tube(TissueLabel.Nerve, Material.Nerve, top, bottom, rSci, rSci, over);
            var x = side * (FemoralArteryX + rFa + rFem + 1);
            Tube(TissueLabel.Nerve, Material.Nerve, new Point(x, FemoralY, ZHip + (0.03 * T)), new Point(x, FemoralY, ZHip - (0.3 * LegLength)), rFem, rFem, over);
            Landmark(side == Right ? "right-sciatic-nerve" : "left-sciatic-nerve", top.Lerp(bottom, 0.5), 2 * rSci, bottom - top);
        }
    }
}
