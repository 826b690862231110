using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Vessels;

/// <summary>Cross-sections of a lumen at regular steps along a centreline.</summary>
public static class LumenProfile
{
    /// <summary>
    /// Resamples <paramref name="centreline"/> every <paramref name="stepMm"/> and measures the lumen in the plane
    /// perpendicular to the local tangent (the chord over ±<paramref name="tangentHalfSpanMm"/>) at each point.
    /// </summary>
    public static IReadOnlyList<LumenSample> Measure(Volume<byte> lumen, IReadOnlyList<WorldPoint> centreline, double stepMm, double maximumRadiusMm, double tangentHalfSpanMm)
    {
        ArgumentNullException.ThrowIfNull(lumen);
        ArgumentNullException.ThrowIfNull(centreline);
        var points = VesselPolyline.Resample(centreline, stepMm);
        var arcs = VesselPolyline.ArcLengths(points);
        var samples = new LumenSample[points.Count];
        Parallel.For(0, points.Count, n =>
        {
            var axis = VesselPolyline.Tangent(points, n, tangentHalfSpanMm);
            samples[n] = new LumenSample(arcs[n], VesselCrossSection.Measure(lumen, points[n], axis, maximumRadiusMm));
        });
        return samples;
    }
}
