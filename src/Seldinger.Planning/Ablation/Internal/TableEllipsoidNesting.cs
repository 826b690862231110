namespace Seldinger.Planning.Ablation.Internal;

/// <summary>Whether one chart zone lies inside another on the same probe (same tip, same axis): the isotherm nesting check.</summary>
internal static class TableEllipsoidNesting
{
    private const int Samples = 400;

    /// <summary>
    /// True when <paramref name="inner"/> lies inside <paramref name="outer"/> (touching allowed): along the shaft, the
    /// inner profile's radius never exceeds the outer one's. Both are ellipses of revolution about the same axis, so
    /// comparing the profiles at densely sampled positions along the axis decides it.
    /// </summary>
    public static bool Inside(AblationZoneShape inner, AblationZoneShape outer)
    {
        // Positions are measured behind the tip along the shaft.
        double ci = (inner.LengthMm / 2) - inner.DistalExtentBeyondTipMm, ai = inner.LengthMm / 2, bi = inner.DiameterMm / 2;
        double co = (outer.LengthMm / 2) - outer.DistalExtentBeyondTipMm, ao = outer.LengthMm / 2, bo = outer.DiameterMm / 2;
        const double Tolerance = 1e-9;
        if (ci - ai < co - ao - Tolerance || ci + ai > co + ao + Tolerance)
        {
            return false;
        }

        for (var n = 0; n <= Samples; n++)
        {
            var z = ci - ai + (2 * ai * n / Samples);
            var ui = (z - ci) / ai;
            var uo = (z - co) / ao;
            var ri = bi * Math.Sqrt(Math.Max(0, 1 - (ui * ui)));
            var ro = bo * Math.Sqrt(Math.Max(0, 1 - (uo * uo)));
            if (ri > ro + Tolerance)
            {
                return false;
            }
        }

        return true;
    }
}
