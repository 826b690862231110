namespace Seldinger.Imaging.Phantoms.Internal;

/// <summary>
/// A tube along a segment with a radius that varies linearly from <see cref="Ra"/> at A to
/// <see cref="Rb"/> at B (a tapered capsule), in the phantom's reference frame (mm).
/// Used for vessels and bowel loops.
/// </summary>
internal readonly struct Capsule
{
    private readonly double _dx;
    private readonly double _dy;
    private readonly double _dz;
    private readonly double _lengthSquared;

    public Capsule(double ax, double ay, double az, double bx, double by, double bz, double ra, double rb, int tag = 0)
    {
        Ax = ax;
        Ay = ay;
        Az = az;
        Ra = ra;
        Rb = rb;
        Tag = tag;
        _dx = bx - ax;
        _dy = by - ay;
        _dz = bz - az;
        _lengthSquared = (_dx * _dx) + (_dy * _dy) + (_dz * _dz);
        var r = Math.Max(ra, rb);
        MidY = (ay + by) / 2;
        MinX = Math.Min(ax, bx) - r;
        MaxX = Math.Max(ax, bx) + r;
        MinY = Math.Min(ay, by) - r;
        MaxY = Math.Max(ay, by) + r;
        MinZ = Math.Min(az, bz) - r;
        MaxZ = Math.Max(az, bz) + r;
    }

    public double Ax { get; }

    public double Ay { get; }

    public double Az { get; }

    public double Bx => Ax + _dx;

    public double By => Ay + _dy;

    public double Bz => Az + _dz;

    public double Ra { get; }

    public double Rb { get; }

    /// <summary>Mean height of the axis along Y (used as the gas–fluid level of bowel content).</summary>
    public double MidY { get; }

    /// <summary>Free use by the caller (e.g. bowel content kind).</summary>
    public int Tag { get; }

    public double MinX { get; }

    public double MaxX { get; }

    public double MinY { get; }

    public double MaxY { get; }

    public double MinZ { get; }

    public double MaxZ { get; }

    /// <summary>
    /// Signed depth inside the tube: the local radius minus the distance to the axis
    /// (positive inside), or <see cref="double.NegativeInfinity"/> when outside the bounding box.
    /// </summary>
    public double Inside(double x, double y, double z)
    {
        if (x < MinX || x > MaxX || y < MinY || y > MaxY)
        {
            return double.NegativeInfinity;
        }

        double px = x - Ax, py = y - Ay, pz = z - Az;
        var t = _lengthSquared > 0 ? ((px * _dx) + (py * _dy) + (pz * _dz)) / _lengthSquared : 0;
        t = Math.Clamp(t, 0, 1);
        double ex = px - (t * _dx), ey = py - (t * _dy), ez = pz - (t * _dz);
        var radius = Ra + (t * (Rb - Ra));
        return radius - Math.Sqrt((ex * ex) + (ey * ey) + (ez * ez));
    }
}
