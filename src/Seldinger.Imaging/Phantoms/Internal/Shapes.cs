namespace Seldinger.Imaging.Phantoms.Internal;

/// <summary>Where a voxel lies before any shape is painted (bit flags, for <see cref="Shape.Regions"/>).</summary>
[Flags]
internal enum BodyZone : byte
{
    Outside = 1,
    Skin = 2,
    Subcutis = 4,
    Wall = 8,
    Chest = 16,
    Abdomen = 32,
    Limb = 64,
    Body = Skin | Subcutis | Wall | Chest | Abdomen | Limb,
    All = Outside | Body,
}

/// <summary>
/// A solid painted into the label map with a label and a material, in world millimetres (LPS), when the
/// voxel's zone is one of <see cref="Regions"/> and its current label one of <see cref="Over"/>.
/// Shapes are painted in order: a later shape replaces what an earlier one painted, where allowed.
/// </summary>
internal abstract class Shape
{
    protected Shape(TissueLabel label, Material material)
    {
        Label = label;
        Material = material;
    }

    public TissueLabel Label { get; }

    public Material Material { get; }

    public BodyZone Regions { get; init; } = BodyZone.Body;

    /// <summary>Bit n set: a voxel currently labelled n may be painted over.</summary>
    public ulong Over { get; init; } = ~0UL & ~LabelBits(TissueLabel.Background);

    public double MinX { get; protected set; }

    public double MaxX { get; protected set; }

    public double MinY { get; protected set; }

    public double MaxY { get; protected set; }

    public double MinZ { get; protected set; }

    public double MaxZ { get; protected set; }

    public abstract bool Contains(double x, double y, double z);

    /// <summary>The material at a point inside the shape (shapes with inner structure override it).</summary>
    public virtual Material MaterialAt(double x, double y, double z) => Material;

    public static ulong LabelBits(params TissueLabel[] labels)
    {
        var bits = 0UL;
        foreach (var l in labels)
        {
            bits |= 1UL << (int)l;
        }

        return bits;
    }

    public static ulong AllBut(params TissueLabel[] labels) => ~LabelBits(labels);
}

/// <summary>Axis-aligned ellipsoid.</summary>
internal sealed class EllipsoidShape : Shape
{
    private readonly double _cx, _cy, _cz, _irx, _iry, _irz;

    public EllipsoidShape(TissueLabel label, Material material, double cx, double cy, double cz, double rx, double ry, double rz)
        : base(label, material)
    {
        (_cx, _cy, _cz) = (cx, cy, cz);
        (Rx, Ry, Rz) = (rx, ry, rz);
        (_irx, _iry, _irz) = (1 / rx, 1 / ry, 1 / rz);
        (MinX, MaxX, MinY, MaxY, MinZ, MaxZ) = (cx - rx, cx + rx, cy - ry, cy + ry, cz - rz, cz + rz);
    }

    public double Rx { get; }

    public double Ry { get; }

    public double Rz { get; }

    public override bool Contains(double x, double y, double z)
    {
        double dx = (x - _cx) * _irx, dy = (y - _cy) * _iry, dz = (z - _cz) * _irz;
        return (dx * dx) + (dy * dy) + (dz * dz) <= 1;
    }
}

/// <summary>Tube along a segment with a radius varying linearly from A to B (tapered capsule).</summary>
internal sealed class TubeShape : Shape
{
    private readonly Capsule _capsule;

    public TubeShape(TissueLabel label, Material material, Point a, Point b, double ra, double rb)
        : base(label, material)
    {
        _capsule = new Capsule(a.X, a.Y, a.Z, b.X, b.Y, b.Z, ra, rb);
        (MinX, MaxX, MinY, MaxY, MinZ, MaxZ) = (_capsule.MinX, _capsule.MaxX, _capsule.MinY, _capsule.MaxY, _capsule.MinZ, _capsule.MaxZ);
    }

    public override bool Contains(double x, double y, double z) => _capsule.Inside(x, y, z) >= 0;
}

/// <summary>Vertical elliptic cylinder between two heights.</summary>
internal sealed class CylinderShape : Shape
{
    private readonly double _cx, _cy, _ia, _ib;

    public CylinderShape(TissueLabel label, Material material, double cx, double cy, double a, double b, double z0, double z1)
        : base(label, material)
    {
        (_cx, _cy, _ia, _ib) = (cx, cy, 1 / a, 1 / b);
        (MinX, MaxX, MinY, MaxY, MinZ, MaxZ) = (cx - a, cx + a, cy - b, cy + b, Math.Min(z0, z1), Math.Max(z0, z1));
    }

    public override bool Contains(double x, double y, double z)
    {
        double dx = (x - _cx) * _ia, dy = (y - _cy) * _ib;
        return z >= MinZ && z <= MaxZ && (dx * dx) + (dy * dy) <= 1;
    }
}

/// <summary>A flat circular plate (disc) of a given thickness across any direction: a growth plate.</summary>
internal sealed class DiscShape : Shape
{
    private readonly Point _c;
    private readonly Point _n;
    private readonly double _r2;
    private readonly double _half;

    public DiscShape(TissueLabel label, Material material, Point center, Point normal, double radius, double halfThickness)
        : base(label, material)
    {
        _c = center;
        _n = normal.Normalized;
        _r2 = radius * radius;
        _half = halfThickness;
        double ex = Extent(_n.X), ey = Extent(_n.Y), ez = Extent(_n.Z);
        (MinX, MaxX, MinY, MaxY, MinZ, MaxZ) = (center.X - ex, center.X + ex, center.Y - ey, center.Y + ey, center.Z - ez, center.Z + ez);

        double Extent(double n) => (radius * Math.Sqrt(Math.Max(0, 1 - (n * n)))) + (halfThickness * Math.Abs(n)) + 1e-9;
    }

    /// <summary>Centre of a sphere the disc is clipped to (with <see cref="ClipRadius"/>).</summary>
    public Point ClipCenter { get; init; }

    /// <summary>Radius of the clipping sphere; infinite (no clipping) unless set.</summary>
    public double ClipRadius { get; init; } = double.PositiveInfinity;

    public override bool Contains(double x, double y, double z)
    {
        double dx = x - _c.X, dy = y - _c.Y, dz = z - _c.Z;
        var a = (dx * _n.X) + (dy * _n.Y) + (dz * _n.Z);
        if (Math.Abs(a) > _half || (dx * dx) + (dy * dy) + (dz * dz) - (a * a) > _r2)
        {
            return false;
        }

        double cx = x - ClipCenter.X, cy = y - ClipCenter.Y, cz = z - ClipCenter.Z;
        return double.IsPositiveInfinity(ClipRadius) || (cx * cx) + (cy * cy) + (cz * cz) <= ClipRadius * ClipRadius;
    }
}

/// <summary>
/// The shell between two concentric axis-aligned ellipsoids, cut by half-spaces (keep n·(p − p0) ≥ 0):
/// acetabulum, iliac wing, joint cartilage.
/// </summary>
internal sealed class ShellShape : Shape
{
    private readonly double _cx, _cy, _cz;
    private readonly double _iox, _ioy, _ioz, _iix, _iiy, _iiz;
    private readonly (Point P, Point N)[] _cuts;

    public ShellShape(TissueLabel label, Material material, Point center, Point outer, Point inner, params (Point P, Point N)[] cuts)
        : base(label, material)
    {
        (_cx, _cy, _cz) = (center.X, center.Y, center.Z);
        (_iox, _ioy, _ioz) = (1 / outer.X, 1 / outer.Y, 1 / outer.Z);
        (_iix, _iiy, _iiz) = (1 / inner.X, 1 / inner.Y, 1 / inner.Z);
        _cuts = cuts;
        (MinX, MaxX, MinY, MaxY, MinZ, MaxZ) = (_cx - outer.X, _cx + outer.X, _cy - outer.Y, _cy + outer.Y, _cz - outer.Z, _cz + outer.Z);
    }

    public override bool Contains(double x, double y, double z)
    {
        double dx = x - _cx, dy = y - _cy, dz = z - _cz;
        double ox = dx * _iox, oy = dy * _ioy, oz = dz * _ioz;
        if ((ox * ox) + (oy * oy) + (oz * oz) > 1)
        {
            return false;
        }

        double ix = dx * _iix, iy = dy * _iiy, iz = dz * _iiz;
        if ((ix * ix) + (iy * iy) + (iz * iz) < 1)
        {
            return false;
        }

        foreach (var (p, n) in _cuts)
        {
            if (((x - p.X) * n.X) + ((y - p.Y) * n.Y) + ((z - p.Z) * n.Z) < 0)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A point or vector in world millimetres (LPS).</summary>
internal readonly record struct Point(double X, double Y, double Z)
{
    public static Point operator +(Point a, Point b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Point operator -(Point a, Point b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Point operator *(Point a, double s) => new(a.X * s, a.Y * s, a.Z * s);

    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    public Point Normalized => this * (1 / Length);

    public Point Lerp(Point b, double t) => this + ((b - this) * t);
}
