using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Seldinger.Imaging.Thermal.Internal;

/// <summary>
/// e^x on eight float lanes, evaluated in double and rounded once to float, so that it is the correctly rounded e^x
/// except where e^x lies within about 1e-14 (relative) of a rounding boundary: it then differs from
/// <see cref="MathF.Exp(float)"/> by at most one unit in the last place. The damage pass uses it for every voxel, whatever
/// its path, so a voxel's Ω, CEM43 and perfusion factor do not depend on the row it sits in.
/// </summary>
internal static class BioheatExp
{
    // Beyond these, e^x in float is +∞ or 0 anyway; clamping keeps 2^k a normal double.
    private const double Lowest = -150;
    private const double Highest = 100;
    private const double Log2E = 1.4426950408889634;

    // ln 2 split so that k · Ln2High is exact for |k| < 2^20 (fdlibm's split).
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;

    // 1.5 · 2^52: adding it rounds to an integer held in the low mantissa bits.
    private const double RoundingShift = 6755399441055744.0;

    /// <summary>e^x lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var (lower, upper) = Vector256.Widen(x);
        return Vector256.Narrow(Exp(lower), Exp(upper));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Exp(Vector256<double> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(Lowest)), Vector256.Create(Highest));
        var shifted = (x * Vector256.Create(Log2E)) + Vector256.Create(RoundingShift);
        var k = shifted - Vector256.Create(RoundingShift);
        var r = (x - (k * Vector256.Create(Ln2High))) - (k * Vector256.Create(Ln2Low));

        // Taylor series to r^11 on |r| ≤ ln 2 / 2: truncation below 1e-14 relative.
        var p = Vector256.Create(1.0 / 39916800);
        p = (p * r) + Vector256.Create(1.0 / 3628800);
        p = (p * r) + Vector256.Create(1.0 / 362880);
        p = (p * r) + Vector256.Create(1.0 / 40320);
        p = (p * r) + Vector256.Create(1.0 / 5040);
        p = (p * r) + Vector256.Create(1.0 / 720);
        p = (p * r) + Vector256.Create(1.0 / 120);
        p = (p * r) + Vector256.Create(1.0 / 24);
        p = (p * r) + Vector256.Create(1.0 / 6);
        p = (p * r) + Vector256.Create(0.5);
        p = (p * r) + Vector256.Create(1.0);
        p = (p * r) + Vector256.Create(1.0);

        // 2^k from k's low bits: (k + 1023) in the exponent field; the shift drops the rounding constant's bits.
        var scale = ((shifted.AsInt64() + Vector256.Create(1023L)) << 52).AsDouble();
        return p * scale;
    }
}
