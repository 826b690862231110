namespace Seldinger.Imaging.Phantoms.Internal;

/// <summary>
/// The analytic anatomy of one child for <see cref="WholeBodyPhantom"/>: body parts (trunk, neck,
/// shoulders, arms, legs) with skin, subcutaneous fat and muscle, the chest and abdominal cavities,
/// spine and ribs with their intercostal vessels and nerves computed analytically, and a list of solids
/// (organs, vessels, bones, joints, pathology) painted in order. World frame: LPS millimetres, Z the
/// height above the soles, the body axis at X = Y = 0.
/// </summary>
/// <remarks>
/// Heights are placed as fractions of the trunk length T (sternal notch to crotch, from stature, the
/// sitting height ratio and the head and neck fractions of the anthropometry tables); in-plane positions
/// as fractions of the chest, abdomen or pelvis half-width and half-depth. Abdominal organ shapes follow
/// <see cref="AbdomenAnatomy"/> (drawn for a 6-year-old) scaled to the age. Vessel, nerve and cartilage
/// sizes are the table values in millimetres, not scaled, so that they can be checked on the label map.
/// </remarks>
internal sealed partial class BodyModel
{
    private const int RibCount = 12;
    private readonly PediatricAnthropometry _tables;
    private readonly double _age;
    private readonly Point _grid;
    private readonly List<Shape> _shapes = [];
    private readonly List<PhantomLandmark> _landmarks = [];
    private readonly double[] _ribPosteriorZ = new double[RibCount];
    private readonly double[] _ribBoneReach = new double[RibCount];
    private readonly double[] _ribCartilageReach = new double[RibCount];

    /// <param name="ageYears">Age.</param>
    /// <param name="caseDefinition">The case.</param>
    /// <param name="tables">Body sizes.</param>
    /// <param name="gridSpacing">Voxel spacing (mm, x y z) of the grid the model is drawn on, so that thin plates and ducts stay whole; none for the analytic model alone.</param>
    public BodyModel(double ageYears, PhantomCaseDefinition caseDefinition, PediatricAnthropometry tables, Point gridSpacing = default)
    {
        _tables = tables;
        _grid = gridSpacing;
        _age = ageYears;
        Case = caseDefinition;

        Stature = V("statureMm");
        ChestWidth = V("chestWidthMm");
        ChestDepth = V("chestDepthMm");
        AbdomenWidth = V("abdomenWidthMm");
        AbdomenDepth = V("abdomenDepthMm");
        PelvisWidth = V("pelvisWidthMm");
        PelvisDepth = V("pelvisDepthMm");
        FatMm = V("subcutaneousFatMm");
        SkinMm = 1.0 + (ageYears / 30);
        ZChin = Stature * (1 - V("headFraction"));
        ZSternalNotch = ZChin - (Stature * V("neckFraction"));
        ZCrotch = Stature * (1 - V("sittingHeightRatio"));
        T = ZSternalNotch - ZCrotch;
        ZHip = Zt(0.90);
        ZKnee = 0.56 * ZCrotch;
        LegLength = ZHip - ZKnee;
        ZLegBottom = 0.55 * ZKnee;
        ZElbow = Zt(0.60);
        ZWrist = Zt(1.02);
        ZDome = Zt(0.27);
        ZCrest = Zt(0.66);
        ZPelvicFloor = Zt(0.97);
        Sx = AbdomenWidth / 210;
        Sy = AbdomenDepth / 150;
        Sz = T / 384;

        NeckRadius = V("neckCircumferenceMm") / (2 * Math.PI);
        NeckA = NeckRadius * 1.1;
        NeckB = NeckRadius * 0.9;
        NeckCy = 0.12 * ChestDepth / 2;
        ArmRadius = V("upperArmCircumferenceMm") / (2 * Math.PI);
        ArmX = (ChestWidth / 2) + ArmRadius + 2 + (0.01 * ChestWidth);
        ThighRadius = V("thighCircumferenceMm") / (2 * Math.PI);
        CalfRadius = V("calfCircumferenceMm") / (2 * Math.PI);
        LegX = PelvisWidth / 4;
        KneeRadius = Math.Max(0.72 * ThighRadius, 0.95 * CalfRadius);

        BuildRibs();
        BuildShapes();
        ResolveAccessTarget();
        if (Target is null)
        {
            throw new InvalidOperationException($"The case '{caseDefinition.Name}' defines no target.");
        }
    }

    public PhantomCaseDefinition Case { get; }

    public double Stature { get; }

    public double ChestWidth { get; }

    public double ChestDepth { get; }

    public double AbdomenWidth { get; }

    public double AbdomenDepth { get; }

    public double PelvisWidth { get; }

    public double PelvisDepth { get; }

    public double FatMm { get; }

    public double SkinMm { get; }

    public double ZChin { get; }

    public double ZSternalNotch { get; }

    public double ZCrotch { get; }

    /// <summary>Trunk length, sternal notch to crotch, mm.</summary>
    public double T { get; }

    public double ZHip { get; }

    public double ZKnee { get; }

    public double LegLength { get; }

    public double ZLegBottom { get; }

    public double ZElbow { get; }

    public double ZWrist { get; }

    public double ZDome { get; }

    public double ZCrest { get; }

    public double ZPelvicFloor { get; }

    public double Sx { get; }

    public double Sy { get; }

    public double Sz { get; }

    public double NeckRadius { get; }

    public double NeckA { get; }

    public double NeckB { get; }

    public double NeckCy { get; }

    public double ArmRadius { get; }

    public double ArmX { get; }

    public double ThighRadius { get; }

    public double CalfRadius { get; }

    public double LegX { get; }

    public double KneeRadius { get; }

    public IReadOnlyList<Shape> Shapes => _shapes;

    public IReadOnlyList<PhantomLandmark> Landmarks => _landmarks;

    public PhantomTarget? Target { get; private set; }

    /// <summary>Material of the target voxel (used when a target smaller than a voxel is drawn as one voxel).</summary>
    public Material TargetMaterial { get; private set; }

    private double V(string key) => _tables.Value(key, _age);

    /// <summary>Height of the fraction <paramref name="f"/> of the trunk below the sternal notch.</summary>
    public double Zt(double f) => ZSternalNotch - (f * T);

    private double Xc(double f) => f * ChestWidth / 2;

    private double Yc(double f) => f * ChestDepth / 2;

    private double Xa(double f) => f * AbdomenWidth / 2;

    private double Ya(double f) => f * AbdomenDepth / 2;

    /// <summary>A point of the 6-year-old abdomen frame of <see cref="AbdomenAnatomy"/> (mm; z relative to the right dome at 72).</summary>
    private Point Ref(double x, double y, double z) => new(x * Sx, y * Sy, ZDome + ((z - 72) * Sz));

    /// <summary>Trunk half-width and half-depth at height z (piecewise linear between levels).</summary>
    public (double A, double B) TrunkRadii(double z)
    {
        ReadOnlySpan<double> f = [-0.03, 0.08, 0.30, 0.45, 0.70, 0.85, 1.0, 1.04];
        ReadOnlySpan<double> w = [ChestWidth * 0.85, ChestWidth, ChestWidth, AbdomenWidth, AbdomenWidth, PelvisWidth, PelvisWidth * 0.9, PelvisWidth * 0.6];
        ReadOnlySpan<double> d = [ChestDepth * 0.85, ChestDepth, ChestDepth, AbdomenDepth, AbdomenDepth, PelvisDepth, PelvisDepth * 0.9, PelvisDepth * 0.6];
        var fz = (ZSternalNotch - z) / T;
        if (fz <= f[0])
        {
            return (w[0] / 2, d[0] / 2);
        }

        for (var n = 1; n < f.Length; n++)
        {
            if (fz <= f[n])
            {
                var t = (fz - f[n - 1]) / (f[n] - f[n - 1]);
                return ((w[n - 1] + (t * (w[n] - w[n - 1]))) / 2, (d[n - 1] + (t * (d[n] - d[n - 1]))) / 2);
            }
        }

        return (w[^1] / 2, d[^1] / 2);
    }

    public double TrunkTop => Zt(-0.03);

    public double TrunkBottom => Zt(1.04);

    /// <summary>Wall muscle thickness of the trunk at half-depth b.</summary>
    public static double WallMuscle(double b) => 0.10 * b;

    /// <summary>Radius of the leg at height z.</summary>
    public double LegRadius(double z)
    {
        var top = ZHip + (0.05 * T);
        var midThigh = ZKnee + (0.5 * LegLength);
        var calf = ZKnee - (0.3 * (ZKnee - ZLegBottom));
        if (z >= midThigh)
        {
            return ThighRadius * (1 + (0.05 * Math.Clamp((z - midThigh) / (top - midThigh), 0, 1)));
        }

        if (z >= ZKnee)
        {
            return KneeRadius + ((ThighRadius - KneeRadius) * (z - ZKnee) / (midThigh - ZKnee));
        }

        if (z >= calf)
        {
            return KneeRadius + ((CalfRadius - KneeRadius) * (ZKnee - z) / (ZKnee - calf));
        }

        return CalfRadius * (1 - (0.2 * Math.Clamp((calf - z) / (calf - ZLegBottom), 0, 1)));
    }

    public double LegTop => ZHip + (0.05 * T);

    /// <summary>Radius of the arm at height z.</summary>
    public double ArmRadiusAt(double z)
    {
        if (z >= ZElbow)
        {
            return ArmRadius;
        }

        var t = Math.Clamp((ZElbow - z) / (ZElbow - ZWrist), 0, 1);
        return ArmRadius * (0.8 - (0.25 * t));
    }

    public double ArmTop => Zt(-0.02);

    public double NeckBottom => Zt(0.06);

    public double NeckTop => ZChin + (0.02 * Stature);

    /// <summary>The shoulder ellipsoid that joins each arm to the trunk and neck.</summary>
    public (double Cx, double Cy, double Cz, double Rx, double Ry, double Rz) Shoulder(int side) =>
        (side * ChestWidth / 2 * 0.92, 0, Zt(0.05), ArmRadius * 1.4, ChestDepth / 2 * 0.7, 0.07 * T);

    /// <summary>Height of the diaphragm at (x, y): the two domes of <see cref="AbdomenAnatomy"/>, scaled, no lower than 60 (reference) mm below the right dome.</summary>
    public double Diaphragm(double x, double y) => ZDome + ((Math.Max(AbdomenAnatomy.Diaphragm(x / Sx, y / Sy), 12) - 72) * Sz);

    /// <summary>Centre line height (Y) and scale of the spine at height z.</summary>
    public (double Y, double Scale) Spine(double z)
    {
        var (_, b) = TrunkRadii(Math.Min(z, ZSternalNotch));
        var trunkY = 0.48 * b;
        var trunkScale = Sy;
        var neckY = NeckCy + (0.25 * NeckB);
        var neckScale = 0.5 * Sy;
        var t = Math.Clamp((z - ZSternalNotch) / (0.03 * T), 0, 1);
        return (trunkY + (t * (neckY - trunkY)), trunkScale + (t * (neckScale - trunkScale)));
    }

    public double SpineBottom => Zt(0.74);

    private void BuildRibs()
    {
        for (var n = 0; n < RibCount; n++)
        {
            _ribPosteriorZ[n] = Zt(-0.01 + (0.04 * n));
            (_ribBoneReach[n], _ribCartilageReach[n]) = n switch
            {
                < 7 => (0.86, 0.95),
                7 => (0.80, 0.90),
                8 => (0.75, 0.86),
                9 => (0.70, 0.80),
                10 => (0.55, 0.55),
                _ => (0.40, 0.40),
            };
        }
    }

    /// <summary>Rib geometry: half-height (z) of a rib, the slope drop from back to front, the vessel and nerve radii.</summary>
    public double RibHalfHeight => 0.2 * 0.04 * T;

    public double RibDrop => 0.09 * T;

    public double IntercostalVeinRadius => V("intercostalVeinMm") / 2;

    public double IntercostalArteryRadius => V("intercostalArteryMm") / 2;

    public double IntercostalNerveRadius => V("intercostalNerveMm") / 2;

    public double RibCenterZ(int rib, double phi) => _ribPosteriorZ[rib] - (RibDrop * phi);

    /// <summary>
    /// Ribs, costal cartilage, sternum and the intercostal vein, artery and nerve under each rib, in the
    /// trunk wall. <paramref name="wallDepth"/> is the depth below the skin, <paramref name="muscleStart"/>
    /// the depth where the wall muscle begins and <paramref name="muscle"/> its thickness.
    /// </summary>
    public bool RibStructure(double x, double y, double z, double wallDepth, double muscleStart, double muscle, out TissueLabel label, out Material material)
    {
        label = TissueLabel.Background;
        material = Material.Air;
        if (z < _ribPosteriorZ[RibCount - 1] - RibDrop - (3 * RibHalfHeight) || z > _ribPosteriorZ[0] + (2 * RibHalfHeight))
        {
            return false;
        }

        var center = muscleStart + (0.5 * muscle);
        var half = 0.25 * muscle;
        var dd = wallDepth - center;
        if (Math.Abs(dd) > muscle * 0.5)
        {
            return false;
        }

        var phi = Math.Atan2(Math.Abs(x), y) / Math.PI;
        var hh = RibHalfHeight;
        if (phi > 0.95 && z <= Zt(0.0) && z >= Zt(0.30) && Math.Abs(dd) <= half * 1.3)
        {
            (label, material) = (TissueLabel.Bone, Material.CorticalBone);
            return true;
        }

        var gap = (0.1 * hh) + 0.1;
        double rv = IntercostalVeinRadius, ra = IntercostalArteryRadius, rn = IntercostalNerveRadius;
        var vanDepth = dd - (0.5 * half);
        for (var n = 0; n < RibCount; n++)
        {
            if (phi < 0.06 || phi > _ribCartilageReach[n])
            {
                continue;
            }

            var zc = RibCenterZ(n, phi);
            var dz = z - zc;
            if (dz > hh + 0.5 || dz < -(hh + (3 * gap) + (2 * rv) + (2 * ra) + (2 * rn) + 0.5))
            {
                continue;
            }

            var u = dd / half;
            var w = dz / hh;
            if ((u * u) + (w * w) <= 1)
            {
                (label, material) = phi <= _ribBoneReach[n] ? (TissueLabel.Bone, Material.CorticalBone) : (TissueLabel.Cartilage, Material.Cartilage);
                return true;
            }

            if (phi > _ribBoneReach[n])
            {
                continue;
            }

            var zv = zc - hh - gap - rv;
            var za = zv - rv - gap - ra;
            var zn = za - ra - gap - rn;
            if ((vanDepth * vanDepth) + ((z - zv) * (z - zv)) <= rv * rv)
            {
                (label, material) = (TissueLabel.Vein, Material.VenousBlood);
                return true;
            }

            if ((vanDepth * vanDepth) + ((z - za) * (z - za)) <= ra * ra)
            {
                (label, material) = (TissueLabel.Artery, Material.ArterialBlood);
                return true;
            }

            if ((vanDepth * vanDepth) + ((z - zn) * (z - zn)) <= rn * rn)
            {
                (label, material) = (TissueLabel.Nerve, Material.Nerve);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A point on the centre of rib <paramref name="rib"/> (0-based) on one side (−1 right, +1 left): lateral
    /// (phi = 0.5) where the rib reaches that far, else at 80 % of its bony length.
    /// </summary>
    public Point RibLateralPoint(int rib, int side)
    {
        var phi = Math.Min(0.5, 0.8 * _ribBoneReach[rib]);
        var z = RibCenterZ(rib, phi);
        var (a, b) = TrunkRadii(z);
        var depth = SkinMm + FatMm + (0.5 * WallMuscle(b));
        double dx = Math.Sin(Math.PI * phi), dy = Math.Cos(Math.PI * phi);
        var boundary = 1 / Math.Sqrt((dx / a * (dx / a)) + (dy / b * (dy / b)));
        return new Point(side * dx * (boundary - depth), dy * (boundary - depth), z);
    }
}
