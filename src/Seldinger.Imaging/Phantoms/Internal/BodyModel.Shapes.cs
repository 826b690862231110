using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Phantoms.Internal;

internal sealed partial class BodyModel
{
    private const int Right = -1;
    private const int Left = 1;

    private static readonly ulong CavityFat = Shape.LabelBits(TissueLabel.Fat, TissueLabel.Ascites);
    private static readonly ulong SoftTissue = Shape.AllBut(TissueLabel.Background, TissueLabel.Bone, TissueLabel.SpinalCanal, TissueLabel.Airway, TissueLabel.Skin, TissueLabel.Aneurysm);
    private static readonly ulong NotVesselOrBone = Shape.AllBut(TissueLabel.Background, TissueLabel.Bone, TissueLabel.SpinalCanal, TissueLabel.Airway, TissueLabel.Skin,
        TissueLabel.Artery, TissueLabel.Vein, TissueLabel.Nerve, TissueLabel.Cartilage);

    private double R(string key) => V(key) / 2;

    private void Add(Shape shape) => _shapes.Add(shape);

    private void Tube(TissueLabel label, Material material, Point a, Point b, double ra, double rb, ulong over) =>
        Add(new TubeShape(label, material, a, b, ra, rb) { Over = over });

    private void Path(TissueLabel label, Material material, double radius, ulong over, params Point[] points)
    {
        for (var n = 1; n < points.Length; n++)
        {
            Tube(label, material, points[n - 1], points[n], radius, radius, over);
        }
    }

    private readonly List<(string Name, Point P, double? Diameter, Point? Axis, double? Thickness, double? Distance)> _pendingLandmarks = [];

    private void Landmark(string name, Point p, double? diameter, Point? axis, double? thickness = null, double? distance = null) =>
        _pendingLandmarks.Add((name, p, diameter, axis, thickness, distance));

    private void ResolveLandmarks()
    {
        foreach (var (name, p, diameter, axis, thickness, distance) in _pendingLandmarks)
        {
            var label = ClassifyPoint(p.X, p.Y, p.Z, out _);
            _landmarks.Add(new PhantomLandmark(name, new WorldPoint(p.X, p.Y, p.Z), diameter,
                axis is { } a ? new Vector3D(a.Normalized.X, a.Normalized.Y, a.Normalized.Z) : null, label)
            { ThicknessMm = thickness, DistanceMm = distance });
        }
    }

    private void BuildShapes()
    {
        var vessel = SoftTissue;

        // ---- Abdominal organs (each paints only cavity fat, so the first one drawn wins).
        BuildBowel();
        var kidneyRight = Ellipsoid(TissueLabel.Kidney, Material.Kidney, Ref(-50, 38, -20), 19, 15, 40);
        var kidneyLeft = Ellipsoid(TissueLabel.Kidney, Material.Kidney, Ref(50, 38, -10), 19, 15, 40);
        Add(kidneyRight);
        Add(kidneyLeft);
        var gastro = Case.Name == "gastrostomy";
        if (gastro)
        {
            BuildStomach(Ref(38, -28, 30), 1.25);
        }

        Add(Ellipsoid(TissueLabel.Liver, Material.Liver, Ref(-45, 0, 12), 55, 58, 58));
        Add(Ellipsoid(TissueLabel.Liver, Material.Liver, Ref(8, -30, 36), 40, 20, 28));
        Add(Ellipsoid(TissueLabel.Spleen, Material.Spleen, Ref(62, 28, 22), 18, 30, 38));
        if (!gastro)
        {
            BuildStomach(Ref(40, -12, 32), 1);
        }

        BuildSmallBowelPacking();

        // Bladder (wall and urine) and rectum in the pelvis.
        var pelvisSpan = ZCrest - ZHip;
        var bladder = new Point(0, -0.15 * PelvisDepth, ZHip + (0.2 * pelvisSpan));
        Add(new EllipsoidShape(TissueLabel.Bladder, Material.Urine, bladder.X, bladder.Y, bladder.Z, 0.17 * PelvisWidth, 0.16 * PelvisDepth, 0.25 * pelvisSpan)
        { Over = Shape.LabelBits(TissueLabel.Fat, TissueLabel.Ascites, TissueLabel.Muscle), Regions = BodyZone.Abdomen | BodyZone.Limb });

        // Heart in the chest (myocardium and blood pool as one).
        var heart = new EllipsoidShape(TissueLabel.Heart, Material.Heart, Xc(0.12), Yc(-0.15), Zt(0.235), Xc(0.42), Yc(0.42), 0.08 * T)
        { Over = Shape.LabelBits(TissueLabel.Fat, TissueLabel.Lung, TissueLabel.PleuralEffusion), Regions = BodyZone.Chest };
        Add(heart);

        // Airway: trachea from the neck to the carina, main bronchi.
        var tracheaR = 0.0275 * ChestWidth;
        var carina = new Point(0, Yc(0.0), Zt(0.13));
        Path(TissueLabel.Airway, Material.Air, tracheaR, SoftTissue, new Point(0, NeckCy - (0.35 * NeckB), NeckTop), new Point(0, NeckCy - (0.3 * NeckB), ZSternalNotch), carina);
        Tube(TissueLabel.Airway, Material.Air, carina, new Point(Xc(-0.25), Yc(0.05), Zt(0.18)), 0.7 * tracheaR, 0.6 * tracheaR, SoftTissue);
        Tube(TissueLabel.Airway, Material.Air, carina, new Point(Xc(0.25), Yc(0.05), Zt(0.19)), 0.7 * tracheaR, 0.6 * tracheaR, SoftTissue);

        // ---- Portal system and hepatic veins (inside the liver only).
        var rPortal = R("portalVeinMm");
        var liverOnly = Shape.LabelBits(TissueLabel.Liver);
        foreach (var (a, b, ra, rb) in new (Point, Point, double, double)[]
        {
            (Ref(-22, 8, 56), Ref(-85, 5, 30), 0.55, 0.35),
            (Ref(-22, 6, 56), Ref(-38, -45, 20), 0.5, 0.3),
            (Ref(-18, 4, 58), Ref(22, -32, 45), 0.45, 0.3),
        })
        {
            Tube(TissueLabel.Vein, Material.VenousBlood, a, b, ra * rPortal * 1.6, rb * rPortal * 1.6, liverOnly);
        }

        foreach (var (a, b, ra, rb) in new (Point, Point, double, double)[]
        {
            (Ref(-18, -5, 2), Ref(-60, -12, -6), 0.8, 0.6),
            (Ref(-18, -5, 2), Ref(15, -28, 25), 0.7, 0.5),
            (Ref(-75, 30, 35), Ref(-75, -30, -15), 0.6, 0.5),
            (Ref(-15, -20, 5), Ref(-85, -35, 15), 0.6, 0.5),
        })
        {
            Tube(TissueLabel.Vein, Material.PortalBlood, a, b, ra * rPortal, rb * rPortal, liverOnly);
        }

        var portalStart = Ref(5, 0, -20);
        var portalEnd = Ref(-18, -5, 2);
        Tube(TissueLabel.Vein, Material.PortalBlood, portalStart, portalEnd, rPortal, rPortal, vessel);
        Landmark("portal-vein", portalStart.Lerp(portalEnd, 0.5), 2 * rPortal, portalEnd - portalStart);
        Tube(TissueLabel.Vein, Material.PortalBlood, portalStart, Ref(55, 18, 5), 0.6 * rPortal, 0.6 * rPortal, vessel);
        Tube(TissueLabel.Vein, Material.PortalBlood, Ref(5, -8, -100), portalStart, 0.65 * rPortal, 0.65 * rPortal, vessel);

        BuildArteries(vessel, kidneyRight, kidneyLeft);
        BuildVeins(vessel, kidneyRight, kidneyLeft, heart);
        BuildBileDucts(rPortal, portalStart, portalEnd);
        BuildNerves();
        BuildSkeleton();
        BuildPathology(kidneyLeft);

        Landmark("carina", carina, 2 * tracheaR, null);
        EntericLandmarks(carina, tracheaR);
        Landmark("sternal-notch", new Point(0, -TrunkRadii(ZSternalNotch).B, ZSternalNotch), null, null);
        Landmark("diaphragm-dome-right", new Point(Xa(-0.43), 0, Diaphragm(Xa(-0.43), 0)), null, null);
        Landmark("bladder", bladder, null, null);
        for (var n = 0; n < RibCount; n++)
        {
            Landmark($"rib-right-{n + 1}", RibLateralPoint(n, Right), null, null);
            Landmark($"rib-left-{n + 1}", RibLateralPoint(n, Left), null, null);
        }

        ResolveLandmarks();
    }

    private EllipsoidShape Ellipsoid(TissueLabel label, Material material, Point c, double rx, double ry, double rz) =>
        new(label, material, c.X, c.Y, c.Z, rx * Sx, ry * Sy, rz * Sz) { Over = CavityFat, Regions = BodyZone.Abdomen };

    private void BuildStomach(Point c, double scale)
    {
        var wall = 1.5 + (0.5 * Sx);
        double rx = 26 * Sx * scale, ry = 20 * Sy * scale, rz = 26 * Sz * scale;
        var gasBelow = c.Y - (Case.Name == "gastrostomy" ? -0.5 * ry : 0.4 * ry);

        // Lumen first: gas above (anterior to) the level, fluid below; then the wall around it.
        Add(new StomachLumen(c, rx - wall, ry - wall, rz - wall, gasBelow) { Over = CavityFat, Regions = BodyZone.Abdomen });
        Add(new EllipsoidShape(TissueLabel.Stomach, Material.BowelWall, c.X, c.Y, c.Z, rx, ry, rz) { Over = CavityFat, Regions = BodyZone.Abdomen });
        StomachCenter = c;
        StomachRadii = new Point(rx, ry, rz);
        StomachSize = 2 * Math.Max(rx, Math.Max(ry, rz));
    }

    /// <summary>
    /// Serpentine small-bowel loops that fill the mid and lower abdomen left free by the organs (children
    /// have little intra-abdominal fat); drawn after the organs, so they only replace cavity fat.
    /// </summary>
    private void BuildSmallBowelPacking()
    {
        var radius = 0.045 * AbdomenWidth;
        var over = Shape.LabelBits(TissueLabel.Fat);
        ReadOnlySpan<double> levels = [0.50, 0.56, 0.62, 0.68, 0.74];
        ReadOnlySpan<double> columns = [-0.62, -0.36, -0.12, 0.12, 0.36, 0.62];
        for (var row = 0; row < levels.Length; row++)
        {
            var previous = default(Point);
            for (var n = 0; n < columns.Length; n++)
            {
                var x = Xa(row % 2 == 0 ? columns[n] : -columns[n]);
                var y = Ya((n + row) % 2 == 0 ? -0.45 : -0.1);
                var point = new Point(x, y, Zt(levels[row] + (0.012 * ((n % 3) - 1))));
                if (n > 0)
                {
                    Add(new BowelTube(previous, point, radius, 1.2, (n + row) % 3 == 0 ? 2 : 0) { Over = over, Regions = BodyZone.Abdomen });
                }

                previous = point;
            }
        }
    }

    private Point StomachCenter { get; set; }

    private double StomachSize { get; set; }

    private Point StomachRadii { get; set; }

    private void BuildBowel()
    {
        var r = Math.Sqrt(Sx * Sy);
        foreach (var c in AbdomenAnatomy.Bowel)
        {
            Add(new BowelTube(Ref(c.Ax, c.Ay, c.Az), Ref(c.Bx, c.By, c.Bz), c.Ra * r, 1.5, c.Tag) { Over = CavityFat, Regions = BodyZone.Abdomen });
        }

        // Sigmoid and rectum down into the pelvis.
        var rr = 9 * r;
        Point[] sigmoid = [Ref(72, 12, -95), new(Xa(0.45), Ya(-0.1), Zt(0.78)), new(Xa(0.1), Ya(0.1), Zt(0.84)), new(0, 0.2 * PelvisDepth, Zt(0.86)), new(0, 0.22 * PelvisDepth, ZPelvicFloor)];
        for (var n = 1; n < sigmoid.Length; n++)
        {
            Add(new BowelTube(sigmoid[n - 1], sigmoid[n], rr, 1.5, 2) { Over = CavityFat | Shape.LabelBits(TissueLabel.Muscle), Regions = BodyZone.Abdomen | BodyZone.Limb });
        }
    }
}

/// <summary>Stomach lumen: gas anterior to a level, fluid behind it.</summary>
internal sealed class StomachLumen : Shape
{
    private readonly EllipsoidShape _shape;
    private readonly double _level;

    public StomachLumen(Point c, double rx, double ry, double rz, double level)
        : base(TissueLabel.Stomach, Material.Fluid)
    {
        _shape = new EllipsoidShape(TissueLabel.Stomach, Material.Fluid, c.X, c.Y, c.Z, rx, ry, rz);
        _level = level;
        (MinX, MaxX, MinY, MaxY, MinZ, MaxZ) = (_shape.MinX, _shape.MaxX, _shape.MinY, _shape.MaxY, _shape.MinZ, _shape.MaxZ);
    }

    public override bool Contains(double x, double y, double z) => _shape.Contains(x, y, z);

    public override Material MaterialAt(double x, double y, double z) => y < _level ? Material.Gas : Material.Fluid;
}

/// <summary>A bowel loop: wall, then gas over fluid (tag 2) or fluid only (tag 0).</summary>
internal sealed class BowelTube : Shape
{
    private readonly Capsule _capsule;
    private readonly double _wall;
    private readonly int _tag;

    public BowelTube(Point a, Point b, double radius, double wall, int tag)
        : base(TissueLabel.Bowel, Material.BowelWall)
    {
        _capsule = new Capsule(a.X, a.Y, a.Z, b.X, b.Y, b.Z, radius, radius, tag);
        _wall = wall;
        _tag = tag;
        (MinX, MaxX, MinY, MaxY, MinZ, MaxZ) = (_capsule.MinX, _capsule.MaxX, _capsule.MinY, _capsule.MaxY, _capsule.MinZ, _capsule.MaxZ);
    }

    public override bool Contains(double x, double y, double z) => _capsule.Inside(x, y, z) >= 0;

    public override Material MaterialAt(double x, double y, double z)
    {
        var inside = _capsule.Inside(x, y, z);
        return inside < _wall ? Material.BowelWall : _tag == 0 ? Material.Fluid : y < _capsule.MidY - 2 ? Material.Gas : Material.Fluid;
    }
}
