namespace Seldinger.Imaging.Meshes.Internal;

/// <summary>
/// A symmetric 4×4 error quadric (Garland and Heckbert): the sum of squared distances to a set of planes,
/// stored as its ten distinct entries.
/// </summary>
internal struct Quadric
{
    public double A2;
    public double AB;
    public double AC;
    public double AD;
    public double B2;
    public double BC;
    public double BD;
    public double C2;
    public double CD;
    public double D2;

    /// <summary>The quadric of the plane a·x + b·y + c·z + d = 0 (unit normal), times <paramref name="weight"/>.</summary>
    public static Quadric FromPlane(double a, double b, double c, double d, double weight) => new()
    {
        A2 = weight * a * a,
        AB = weight * a * b,
        AC = weight * a * c,
        AD = weight * a * d,
        B2 = weight * b * b,
        BC = weight * b * c,
        BD = weight * b * d,
        C2 = weight * c * c,
        CD = weight * c * d,
        D2 = weight * d * d,
    };

    public void Add(in Quadric q)
    {
        A2 += q.A2;
        AB += q.AB;
        AC += q.AC;
        AD += q.AD;
        B2 += q.B2;
        BC += q.BC;
        BD += q.BD;
        C2 += q.C2;
        CD += q.CD;
        D2 += q.D2;
    }

    /// <summary>vᵀ Q v for v = (x, y, z, 1).</summary>
    public readonly double Evaluate(double x, double y, double z) =>
        (A2 * x * x) + (2 * AB * x * y) + (2 * AC * x * z) + (2 * AD * x)
        + (B2 * y * y) + (2 * BC * y * z) + (2 * BD * y)
        + (C2 * z * z) + (2 * CD * z) + D2;

    /// <summary>The point of least error, when the 3×3 part is well conditioned.</summary>
    public readonly bool TryMinimize(out double x, out double y, out double z)
    {
        // Cramer's rule on [A2 AB AC; AB B2 BC; AC BC C2] p = -(AD, BD, CD).
        var c00 = (B2 * C2) - (BC * BC);
        var c01 = (BC * AC) - (AB * C2);
        var c02 = (AB * BC) - (B2 * AC);
        var det = (A2 * c00) + (AB * c01) + (AC * c02);
        var norm = (A2 + B2 + C2) * (A2 + B2 + C2) * (A2 + B2 + C2);
        if (!(Math.Abs(det) > 1e-6 * norm) || norm == 0)
        {
            x = y = z = 0;
            return false;
        }

        var c11 = (A2 * C2) - (AC * AC);
        var c12 = (AB * AC) - (A2 * BC);
        var c22 = (A2 * B2) - (AB * AB);
        x = -((c00 * AD) + (c01 * BD) + (c02 * CD)) / det;
        y = -((c01 * AD) + (c11 * BD) + (c12 * CD)) / det;
        z = -((c02 * AD) + (c12 * BD) + (c22 * CD)) / det;
        return double.IsFinite(x) && double.IsFinite(y) && double.IsFinite(z);
    }
}
