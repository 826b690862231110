using System.Globalization;

namespace Seldinger.Imaging.Vessels;

/// <summary>Quantifies the tightest narrowing of a lumen profile.</summary>
/// <remarks>
/// As in quantitative angiography (reference from normal segments next to the lesion): the minimal lumen
/// diameter (MLD) is the smallest equivalent diameter of the profile; the normal level is the 75th percentile of
/// the diameters (most of a segment is normal); the lesion is the run of samples around the MLD narrower than
/// <c>normalFraction</c> of that level; the proximal and distal references are the medians of the diameters
/// (and areas) before and after the lesion. Truncated or empty cross-sections are ignored.
/// </remarks>
public static class StenosisAnalysis
{
    /// <summary>Analyses <paramref name="profile"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than 3 usable cross-sections.</exception>
    public static StenosisMeasurement Analyse(IReadOnlyList<LumenSample> profile, double normalFraction = 0.9)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var s = profile.Where(p => !p.Section.Truncated && p.Section.AreaMm2 > 0).ToList();
        if (s.Count < 3)
        {
            throw new ArgumentException("Fewer than 3 usable cross-sections in the profile.", nameof(profile));
        }

        var min = 0;
        for (var n = 1; n < s.Count; n++)
        {
            if (s[n].Section.EquivalentDiameterMm < s[min].Section.EquivalentDiameterMm)
            {
                min = n;
            }
        }

        var sorted = s.Select(p => p.Section.EquivalentDiameterMm).Order().ToArray();
        var normal = sorted[(int)Math.Floor(0.75 * (sorted.Length - 1))];
        var limit = normalFraction * normal;
        int lo = min, hi = min;
        while (lo > 0 && s[lo - 1].Section.EquivalentDiameterMm < limit)
        {
            lo--;
        }

        while (hi < s.Count - 1 && s[hi + 1].Section.EquivalentDiameterMm < limit)
        {
            hi++;
        }

        var proximal = s.Take(lo).ToList();
        var distal = s.Skip(hi + 1).ToList();
        double? pd = proximal.Count > 0 ? Median(proximal.Select(p => p.Section.EquivalentDiameterMm)) : null;
        double? dd = distal.Count > 0 ? Median(distal.Select(p => p.Section.EquivalentDiameterMm)) : null;
        double? pa = proximal.Count > 0 ? Median(proximal.Select(p => p.Section.AreaMm2)) : null;
        double? da = distal.Count > 0 ? Median(distal.Select(p => p.Section.AreaMm2)) : null;
        double refD, refA;
        string which;
        if (pd is not null && dd is not null)
        {
            refD = (pd.Value + dd.Value) / 2;
            refA = (pa!.Value + da!.Value) / 2;
            which = string.Create(CultureInfo.InvariantCulture, $"mean of the proximal ({pd:0.00} mm, {proximal.Count} sections) and distal ({dd:0.00} mm, {distal.Count} sections) normal segments");
        }
        else if (pd is not null)
        {
            refD = pd.Value;
            refA = pa!.Value;
            which = string.Create(CultureInfo.InvariantCulture, $"proximal normal segment only ({pd:0.00} mm, {proximal.Count} sections)");
        }
        else if (dd is not null)
        {
            refD = dd.Value;
            refA = da!.Value;
            which = string.Create(CultureInfo.InvariantCulture, $"distal normal segment only ({dd:0.00} mm, {distal.Count} sections)");
        }
        else
        {
            refD = normal;
            refA = Math.PI / 4 * normal * normal;
            which = "no normal segment: 75th percentile of the profile";
        }

        var m = s[min];
        return new StenosisMeasurement(
            m.Section.EquivalentDiameterMm,
            m.Section.AreaMm2,
            m.ArcMm,
            m.Section.Centre,
            s[lo].ArcMm,
            s[hi].ArcMm,
            pd,
            dd,
            refD,
            refA,
            100 * (1 - (m.Section.EquivalentDiameterMm / refD)),
            100 * (1 - (m.Section.AreaMm2 / refA)),
            which);
    }

    private static double Median(IEnumerable<double> values)
    {
        var a = values.Order().ToArray();
        return a.Length % 2 == 1 ? a[a.Length / 2] : 0.5 * (a[(a.Length / 2) - 1] + a[a.Length / 2]);
    }
}
