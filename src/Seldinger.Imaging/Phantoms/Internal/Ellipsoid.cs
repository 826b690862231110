namespace Seldinger.Imaging.Phantoms.Internal;

/// <summary>An axis-aligned ellipsoid in the phantom's reference frame (mm).</summary>
internal readonly record struct Ellipsoid(double Cx, double Cy, double Cz, double Rx, double Ry, double Rz)
{
    /// <summary>Normalised radius squared: &lt; 1 inside, 1 on the surface.</summary>
    public double Level(double x, double y, double z)
    {
        double dx = (x - Cx) / Rx, dy = (y - Cy) / Ry, dz = (z - Cz) / Rz;
        return (dx * dx) + (dy * dy) + (dz * dz);
    }

    public bool Contains(double x, double y, double z) => Level(x, y, z) <= 1;

    public bool SpansZ(double z) => Math.Abs(z - Cz) <= Rz;
}
