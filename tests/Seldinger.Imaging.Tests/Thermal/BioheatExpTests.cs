using System.Runtime.Intrinsics;
using Seldinger.Imaging.Thermal.Internal;

namespace Seldinger.Imaging.Tests.Thermal;

public class BioheatExpTests
{
    /// <summary>Distance in units in the last place of the float nearest to <paramref name="exact"/>.</summary>
    private static double Ulps(float actual, double exact)
    {
        var nearest = (float)exact;
        var ulp = Math.Max(double.Abs(MathF.BitIncrement(nearest) - (double)nearest), float.Epsilon);
        return double.Abs(actual - exact) / ulp;
    }

    private static float[] Evaluate(float[] x)
    {
        var y = new float[x.Length];
        for (var n = 0; n < x.Length; n += 8)
        {
            BioheatExp.Exp(Vector256.Create<float>(x.AsSpan(n, 8))).CopyTo(y.AsSpan(n, 8));
        }

        return y;
    }

    [Fact]
    public void Exp_RandomArgumentsOverTheDamageRange_WithinTwoUlpOfDoublePrecision()
    {
        // The damage pass evaluates e^x for the Arrhenius rate (x up to ~90), the thermal dose (|x| up to ~100) and e^−Ω.
        var random = new Random(5);
        var x = new float[1 << 20];
        for (var n = 0; n < x.Length; n++)
        {
            x[n] = n % 4 == 0 ? (float)((random.NextDouble() * 2) - 1) : (float)((random.NextDouble() * 190) - 102);
        }

        var y = Evaluate(x);
        var worst = 0.0;
        var worstAt = 0f;
        for (var n = 0; n < x.Length; n++)
        {
            var exact = Math.Exp(x[n]);
            var ulps = exact > float.MaxValue ? (float.IsPositiveInfinity(y[n]) ? 0 : double.PositiveInfinity) : Ulps(y[n], exact);
            if (ulps > worst)
            {
                worst = ulps;
                worstAt = x[n];
            }
        }

        Assert.True(worst <= 2, $"e^x off by {worst:0.00} ulp at x = {worstAt:R}");
    }

    [Theory]
    [InlineData(0f, 1f)]
    [InlineData(1f, 2.7182817f)]
    [InlineData(-1e30f, 0f)]
    [InlineData(-104f, 0f)]
    [InlineData(89f, float.PositiveInfinity)]
    [InlineData(1e30f, float.PositiveInfinity)]
    public void Exp_EdgeArguments_FollowFloatRange(float x, float expected)
    {
        var y = Evaluate([x, x, x, x, x, x, x, x]);
        Assert.All(y, v => Assert.Equal(expected, v));
    }

    [Fact]
    public void Exp_NearTheEndsOfTheFloatRange_SubnormalAndLargestResultsRounded()
    {
        // −87.5 … −103 give subnormal results, 88.5 … 88.72 results near float.MaxValue: both must still be close.
        float[] x = [-87.5f, -90f, -95.25f, -100f, -103f, 88.5f, 88.7f, 88.72f];
        var y = Evaluate(x);
        for (var n = 0; n < x.Length; n++)
        {
            var exact = Math.Exp(x[n]);
            Assert.True(Ulps(y[n], exact) <= 2 || double.Abs(y[n] - exact) <= float.Epsilon, $"e^{x[n]} = {y[n]:R}, exact {exact:R}");
        }
    }
}
