namespace Seldinger.Imaging.Phantoms.Internal;

/// <summary>
/// Approximate body size by age, used to scale the phantom's anatomy.
/// </summary>
/// <remarks>
/// Values are approximate and for synthetic data only (verify before any other use):
/// <list type="bullet">
/// <item>Upper-abdominal lateral width and anteroposterior depth: read off the age curves of
/// Kleinman PL et al., "Patient size measured on CT images as a function of age at a tertiary care
/// children's hospital", AJR 2010;194:1611–1619, rounded to 5 mm.</item>
/// <item>Stature: CDC 2000 stature-for-age growth charts, 50th percentile, mean of boys and girls
/// (a 6-year-old: about 116 cm and 21 kg, which matches the reference scenario).</item>
/// </list>
/// </remarks>
internal static class PediatricBodySize
{
    // age (y), lateral width (mm), AP depth (mm), stature (mm)
    private static readonly double[] Ages = [0, 1, 3, 6, 10, 14, 18];
    private static readonly double[] WidthMm = [130, 155, 180, 210, 245, 280, 300];
    private static readonly double[] DepthMm = [100, 115, 130, 150, 170, 195, 210];
    private static readonly double[] StatureMm = [500, 755, 955, 1160, 1385, 1630, 1715];

    /// <summary>Reference age of the anatomy drawn in <see cref="AbdomenPhantom"/>.</summary>
    public const double ReferenceAgeYears = 6;

    public static double Width(double age) => Interpolate(WidthMm, age);

    public static double Depth(double age) => Interpolate(DepthMm, age);

    public static double Stature(double age) => Interpolate(StatureMm, age);

    private static double Interpolate(double[] values, double age)
    {
        if (age <= Ages[0])
        {
            return values[0];
        }

        for (var n = 1; n < Ages.Length; n++)
        {
            if (age <= Ages[n])
            {
                var t = (age - Ages[n - 1]) / (Ages[n] - Ages[n - 1]);
                return values[n - 1] + (t * (values[n] - values[n - 1]));
            }
        }

        return values[^1];
    }
}
