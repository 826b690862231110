namespace Seldinger.Imaging.Phantoms.Internal;

/// <summary>
/// The anatomy of <see cref="AbdomenPhantom"/>, drawn for a 6-year-old in a reference frame:
/// millimetres, LPS axes, origin on the body axis at the middle of the slab. Other ages are
/// reached by scaling the voxel positions into this frame.
/// </summary>
/// <remarks>
/// Shapes are simple (ellipses, ellipsoids, tapered tubes) and positions are schematic: the aim is a
/// plausible planning problem, not an atlas. Sizes follow pediatric references for age 6, approximately:
/// liver right-lobe span about 11 cm (Konuş ÖL et al., AJR 1998;171:1693–1698: 10–10.5 cm at 5–9 y),
/// spleen length about 8 cm and kidney length about 8 cm (same source; Rosenbaum DM et al., AJR 1984;142:467–469),
/// aorta about 12 mm and inferior vena cava about 14 mm across.
/// </remarks>
internal sealed class AbdomenAnatomy
{
    // Body outline (ellipse) and wall layers, as depths below the skin surface.
    public const double BodyHalfWidth = 105;
    public const double BodyHalfDepth = 75;
    public const double SkinEnd = 2;
    public const double FatEnd = 9;
    public const double WallEnd = 15;

    // Hounsfield units by tissue (portal-venous phase contrast CT).
    public const double HuAir = -1000;
    public const double HuSkin = 30;
    public const double HuFat = -100;
    public const double HuMuscle = 50;
    public const double HuVertebra = 750;
    public const double HuRib = 800;
    public const double HuLiver = 60;
    public const double HuLesion = 35;
    public const double HuVessel = 180;
    public const double HuBowelWall = 40;
    public const double HuBowelGas = -900;
    public const double HuBowelFluid = 10;
    public const double HuKidney = 150;
    public const double HuSpleen = 65;
    public const double HuLung = -850;
    public const double HuHeart = 130;
    public const double HuSpinalCanal = 15;

    private const double RibCenterDepth = 12.5;
    private const double RibHalfDepth = 3;
    private const double RibHalfHeight = 4;
    private const int RibCount = 7;

    public const double LesionX = -50;
    public const double LesionY = 0;
    public const double LesionZ = 10;

    private static readonly Ellipsoid LiverRight = new(-45, 0, 12, 55, 58, 58);
    private static readonly Ellipsoid LiverLeft = new(8, -30, 36, 40, 20, 28);
    private static readonly Ellipsoid Spleen = new(62, 28, 22, 18, 30, 38);
    private static readonly Ellipsoid Stomach = new(40, -12, 32, 26, 20, 26);
    private static readonly Ellipsoid StomachLumen = new(40, -12, 32, 23.5, 17.5, 23.5);
    private static readonly Ellipsoid KidneyRight = new(-50, 38, -45, 19, 15, 40);
    private static readonly Ellipsoid KidneyLeft = new(50, 38, -35, 19, 15, 40);

    // Bowel content tags.
    private const int Fluid = 0;
    private const int AirFluid = 2;

    /// <summary>Large vessels, drawn wherever they run inside the body cavity.</summary>
    public static readonly Capsule[] MainVessels =
    [
        new(8, 15, -400, 8, 15, 400, 6.5, 6.5),            // aorta, left-anterior of the spine
        new(-20, 10, -400, -20, 10, 72, 7.5, 7.5),         // inferior vena cava, to the right
        new(5, 0, -20, -18, -5, 2, 5, 5),                  // main portal vein to the porta hepatis
        new(5, 0, -20, 55, 18, 5, 3.5, 3.5),               // splenic vein
        new(5, -8, -100, 5, 0, -20, 4.5, 4.5),             // superior mesenteric vein
    ];

    /// <summary>Intrahepatic veins, drawn only inside liver parenchyma.</summary>
    public static readonly Capsule[] HepaticVessels =
    [
        new(-22, 8, 56, -85, 5, 30, 4, 2.5),               // right hepatic vein
        new(-22, 6, 56, -38, -45, 20, 3.5, 2),             // middle hepatic vein
        new(-18, 4, 58, 22, -32, 45, 3, 2),                // left hepatic vein
        new(-18, -5, 2, -60, -12, -6, 4, 3),               // right portal vein
        new(-18, -5, 2, 15, -28, 25, 3.5, 2.5),            // left portal vein
        new(-75, 30, 35, -75, -30, -15, 3, 2.5),           // right hepatic tributary lateral to the lesion
        new(-15, -20, 5, -85, -35, 15, 3, 2.5),            // anterior portal branch in front of the lesion
    ];

    /// <summary>
    /// Centre line of the jejunal loop, from the duodenojejunal flexure (its first point) onwards; declared before
    /// <see cref="Bowel"/>, which is built from it.
    /// </summary>
    public static readonly (double X, double Y, double Z)[] Jejunum =
    [
        (8, -22, -44), (30, -30, -38), (55, -22, -32), (62, -2, -24), (40, -8, -18), (12, -28, -12),
        (32, -36, -6), (56, -22, -2), (60, -5, -10),
    ];

    /// <summary>Colon (gas with a fluid level) and small-bowel loops (fluid, or gas over fluid).</summary>
    public static readonly Capsule[] Bowel = BuildBowel();

    private static Capsule[] BuildBowel()
    {
        (double X, double Y, double Z)[] colon =
        [
            (-68, -5, -95), (-70, -12, -60), (-62, -30, -40), (-30, -42, -30), (10, -44, -26),
            (45, -38, -18), (68, -20, -8), (74, 5, -30), (72, 12, -95),
        ];
        (double X, double Y, double Z)[] smallBowel =
        [
            (-25, -28, -95), (5, -38, -92), (35, -32, -86), (50, -15, -78), (25, -12, -70), (-5, -25, -66),
            (-22, -35, -58), (5, -36, -50), (38, -30, -46), (50, -12, -40), (28, -10, -52),
        ];
        (double X, double Y, double Z)[] ileum =
        [
            (-45, -35, -92), (-40, -12, -84), (-20, -5, -78), (-38, -30, -72), (-52, -18, -64), (-32, -38, -58),
            (-12, -20, -66), (-8, -5, -88),
        ];
        var result = new List<Capsule>();
        for (var n = 1; n < colon.Length; n++)
        {
            result.Add(new Capsule(colon[n - 1].X, colon[n - 1].Y, colon[n - 1].Z, colon[n].X, colon[n].Y, colon[n].Z, 11, 11, AirFluid));
        }

        foreach (var chain in new[] { smallBowel, Jejunum, ileum })
        {
            for (var n = 1; n < chain.Length; n++)
            {
                result.Add(new Capsule(chain[n - 1].X, chain[n - 1].Y, chain[n - 1].Z, chain[n].X, chain[n].Y, chain[n].Z, 9, 9, n % 2 == 0 ? AirFluid : Fluid));
            }
        }

        return [.. result];
    }

    /// <summary>The shapes that reach one reference-frame height, selected once per slice.</summary>
    public sealed class SliceShapes
    {
        public SliceShapes(double z)
        {
            Z = z;
            MainVessels = Select(AbdomenAnatomy.MainVessels, z);
            HepaticVessels = Select(AbdomenAnatomy.HepaticVessels, z);
            Bowel = Select(AbdomenAnatomy.Bowel, z);
        }

        public double Z { get; }

        public Capsule[] MainVessels { get; }

        public Capsule[] HepaticVessels { get; }

        public Capsule[] Bowel { get; }

        private static Capsule[] Select(Capsule[] all, double z) => [.. all.Where(c => z >= c.MinZ && z <= c.MaxZ)];
    }

    /// <summary>Height of the diaphragm (reference frame): two domes, the right one higher.</summary>
    public static double Diaphragm(double x, double y)
    {
        double rx = (x + 45) / 55, lx = (x - 45) / 50, yy = y / 50;
        var right = 72 - (30 * ((rx * rx) + (yy * yy)));
        var left = 62 - (30 * ((lx * lx) + (yy * yy)));
        return Math.Max(right, left);
    }

    /// <summary>
    /// Tissue at a reference-frame position; the lesion is tested in world space by the caller
    /// through <paramref name="inLesion"/> so that its size stays exact at every age.
    /// </summary>
    public static TissueLabel Classify(double x, double y, SliceShapes shapes, bool inLesion, out double hu)
    {
        var z = shapes.Z;
        double nx = x / BodyHalfWidth, ny = y / BodyHalfDepth;
        var rho = Math.Sqrt((nx * nx) + (ny * ny));
        if (rho >= 1)
        {
            hu = HuAir;
            return TissueLabel.Background;
        }

        // Depth below the skin along the ray from the body axis (close to the normal depth for this aspect ratio).
        var depth = rho > 0 ? Math.Sqrt((x * x) + (y * y)) * ((1 / rho) - 1) : BodyHalfDepth;
        if (depth < SkinEnd)
        {
            hu = HuSkin;
            return TissueLabel.Skin;
        }

        TissueLabel label;
        var cavity = depth >= WallEnd;
        var diaphragm = Diaphragm(x, y);
        var abdomen = cavity && z <= diaphragm;
        if (depth < FatEnd)
        {
            (label, hu) = (TissueLabel.Fat, HuFat);
        }
        else if (!cavity)
        {
            (label, hu) = (TissueLabel.Muscle, HuMuscle);
        }
        else if (abdomen)
        {
            (label, hu) = (TissueLabel.Fat, HuFat);
        }
        else
        {
            double hx = (x - 10) / 48, hy = (y + 15) / 38;
            (label, hu) = (hx * hx) + (hy * hy) <= 1 ? (TissueLabel.Heart, HuHeart) : (TissueLabel.Lung, HuLung);
        }

        if (abdomen)
        {
            if (Stomach.Contains(x, y, z))
            {
                label = TissueLabel.Stomach;
                hu = !StomachLumen.Contains(x, y, z) ? HuBowelWall : y < Stomach.Cy - 8 ? HuBowelGas : HuBowelFluid;
            }

            if (Spleen.Contains(x, y, z))
            {
                (label, hu) = (TissueLabel.Spleen, HuSpleen);
            }

            if ((LiverRight.Contains(x, y, z) || LiverLeft.Contains(x, y, z)) && z <= diaphragm - 1)
            {
                (label, hu) = (TissueLabel.Liver, HuLiver);
            }

            if (KidneyRight.Contains(x, y, z) || KidneyLeft.Contains(x, y, z))
            {
                (label, hu) = (TissueLabel.Kidney, HuKidney);
            }

            foreach (ref readonly var loop in shapes.Bowel.AsSpan())
            {
                var inside = loop.Inside(x, y, z);
                if (inside >= 0)
                {
                    label = TissueLabel.Bowel;
                    hu = inside < 1.5 ? HuBowelWall
                        : loop.Tag == Fluid ? HuBowelFluid
                        : y < loop.MidY - 2 ? HuBowelGas : HuBowelFluid;
                }
            }
        }

        if (depth >= FatEnd)
        {
            if (IsParaspinalMuscle(x, y, z))
            {
                (label, hu) = (TissueLabel.Muscle, HuMuscle);
            }

            if (depth >= RibCenterDepth - RibHalfDepth && depth <= RibCenterDepth + RibHalfDepth && IsRib(x, y, z, depth))
            {
                (label, hu) = (TissueLabel.Bone, HuRib);
            }
        }

        if (depth >= SkinEnd)
        {
            var spine = Spine(x, y);
            if (spine != TissueLabel.Background)
            {
                label = spine;
                hu = spine == TissueLabel.Bone ? HuVertebra : HuSpinalCanal;
            }
        }

        if (inLesion && label == TissueLabel.Liver)
        {
            (label, hu) = (TissueLabel.Lesion, HuLesion);
        }

        if (cavity)
        {
            foreach (ref readonly var vessel in shapes.MainVessels.AsSpan())
            {
                if (vessel.Inside(x, y, z) >= 0)
                {
                    (label, hu) = (TissueLabel.Vessel, HuVessel);
                }
            }

            if (label == TissueLabel.Liver)
            {
                foreach (ref readonly var vessel in shapes.HepaticVessels.AsSpan())
                {
                    if (vessel.Inside(x, y, z) >= 0)
                    {
                        (label, hu) = (TissueLabel.Vessel, HuVessel);
                        break;
                    }
                }
            }
        }

        return label;
    }

    private static bool IsParaspinalMuscle(double x, double y, double z)
    {
        double px = (Math.Abs(x) - 25) / 17, py = (y - 52) / 15;
        if ((px * px) + (py * py) <= 1)
        {
            return true;
        }

        // Psoas, growing towards the pelvis below the kidneys' hila.
        if (z < -15)
        {
            var radius = Math.Min(13, 7 + ((-15 - z) * 0.1));
            double sx = Math.Abs(x) - 22, sy = y - 28;
            return (sx * sx) + (sy * sy) <= radius * radius;
        }

        return false;
    }

    private static bool IsRib(double x, double y, double z, double depth)
    {
        // Angle from the posterior midline: 0 at the spine, π at the front.
        var phi = Math.Atan2(Math.Abs(x), y) / Math.PI;
        if (phi < 0.12)
        {
            return false;
        }

        var dd = (depth - RibCenterDepth) / RibHalfDepth;
        for (var n = 0; n < RibCount; n++)
        {
            // Lower ribs are shorter (floating 12th and 11th, then the costal margin).
            var reach = n switch { 0 => 0.40, 1 => 0.55, 2 => 0.72, 3 => 0.82, _ => 0.90 };
            if (phi > reach)
            {
                continue;
            }

            // Ribs slope down from back to front by about 4 cm.
            var zc = -20 + (19 * n) - (40 * phi);
            var dz = (z - zc) / RibHalfHeight;
            if ((dd * dd) + (dz * dz) <= 1)
            {
                return true;
            }
        }

        return false;
    }

    private static TissueLabel Spine(double x, double y)
    {
        double bx = x / 14, by = (y - 36) / 12;
        if ((bx * bx) + (by * by) <= 1)
        {
            return TissueLabel.Bone; // vertebral body
        }

        double cx = x, cy = y - 56;
        var r2 = (cx * cx) + (cy * cy);
        if (r2 <= 6.5 * 6.5)
        {
            return TissueLabel.SpinalCanal;
        }

        if (r2 <= 10.5 * 10.5 && y >= 46)
        {
            return TissueLabel.Bone; // pedicles and laminae
        }

        if (Math.Abs(x) <= 3 && y >= 56 && y <= 65)
        {
            return TissueLabel.Bone; // spinous process
        }

        if (Math.Abs(x) <= 24 && Math.Abs(y - 50) <= 3)
        {
            return TissueLabel.Bone; // transverse processes
        }

        return TissueLabel.Background;
    }
}
