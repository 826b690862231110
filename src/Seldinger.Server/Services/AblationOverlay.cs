using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Rendering;
using Seldinger.Imaging.Resampling;
using Seldinger.Imaging.Reslicing;

namespace Seldinger.Server.Services;

/// <summary>
/// Draws an ablation plan on a plane as an RGBA overlay: the lethal zone (translucent orange with a solid outline),
/// isotherm outlines, the ablative margin colour map on the tumor and the segmented zone of a confirmation.
/// </summary>
public static class AblationOverlay
{
    /// <summary>The lethal zone layer.</summary>
    public const string ZoneLayer = "zone";

    /// <summary>The isotherm outlines layer.</summary>
    public const string IsothermsLayer = "isotherms";

    /// <summary>The margin colour map layer.</summary>
    public const string MarginLayer = "margin";

    /// <summary>The confirmed (segmented) zone layer.</summary>
    public const string AchievedLayer = "achieved";

    /// <summary>Zone colour (orange).</summary>
    public const uint ZoneColour = 0xFF8C00;

    /// <summary>Opacity of the zone fill (0–255).</summary>
    public const byte ZoneFillAlpha = 96;

    /// <summary>Achieved zone outline colour (magenta).</summary>
    public const uint AchievedColour = 0xFF00FF;

    /// <summary>Margin colours: below 0 mm, 0–5 mm, 5–10 mm, 10 mm or more (the bands of the surface fractions a plan reports).</summary>
    public static IReadOnlyList<(double FromMm, uint Colour, string Label)> MarginBands { get; } =
    [
        (double.NegativeInfinity, 0xFF0000, "margin < 0 mm"),
        (0, 0xFF8C00, "margin 0–5 mm"),
        (5, 0xFFFF00, "margin 5–10 mm"),
        (10, 0x00C000, "margin ≥ 10 mm"),
    ];

    /// <summary>Every layer name.</summary>
    public static IReadOnlyList<string> Layers { get; } = [ZoneLayer, IsothermsLayer, MarginLayer, AchievedLayer];

    /// <summary>The layers a <c>layers=</c> parameter names (default: zone and isotherms).</summary>
    /// <exception cref="ViewRequestException">An unknown layer name.</exception>
    public static IReadOnlySet<string> ParseLayers(string? layers)
    {
        if (string.IsNullOrWhiteSpace(layers))
        {
            return new HashSet<string>([ZoneLayer, IsothermsLayer], StringComparer.Ordinal);
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in layers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = word.ToLowerInvariant();
            if (!Layers.Contains(name))
            {
                throw new ViewRequestException($"Unknown layer '{word}'; layers are {string.Join(", ", Layers)}.");
            }

            set.Add(name);
        }

        return set;
    }

    /// <summary>Isotherm outline colour: cryo 0 °C white, −20 °C cyan, −40 °C blue; heat 50 °C yellow, 60 °C red; others grey.</summary>
    public static uint IsothermColour(double celsius) => Math.Round(celsius) switch
    {
        0 => 0xFFFFFF,
        -20 => 0x00FFFF,
        -40 => 0x0000FF,
        50 => 0xFFFF00,
        60 => 0xFF0000,
        _ => 0xC0C0C0,
    };

    /// <summary>Renders the overlay of <paramref name="plane"/>.</summary>
    /// <param name="plane">The plane (the reslice endpoint's).</param>
    /// <param name="zone">Zone map: bit 0 lethal, bit n the n-th isotherm.</param>
    /// <param name="isothermsCelsius">Temperature of each isotherm bit.</param>
    /// <param name="margin">Margin map (mm, NaN outside the tumor) when the margin layer is shown.</param>
    /// <param name="achieved">Segmented zone of a confirmation (non-zero inside), when shown and present.</param>
    /// <param name="layers">The layers to draw.</param>
    public static AblationOverlayImage Render(
        SlicePlane plane, Volume<byte> zone, IReadOnlyList<double> isothermsCelsius,
        Volume<float>? margin, Volume<byte>? achieved, IReadOnlySet<string> layers)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(isothermsCelsius);
        ArgumentNullException.ThrowIfNull(layers);
        var zoneImage = Reslicer.Reslice(zone, plane, Interpolator.Nearest);
        int width = zoneImage.Width, height = zoneImage.Height;
        var rgba = new byte[width * height * 4];
        var legend = new List<AblationLegendEntry>();
        var bits = new int[zoneImage.Pixels.Length];
        for (var n = 0; n < bits.Length; n++)
        {
            bits[n] = (int)zoneImage.Pixels[n];
        }

        if (layers.Contains(ZoneLayer))
        {
            for (var n = 0; n < bits.Length; n++)
            {
                if ((bits[n] & 1) != 0)
                {
                    Over(rgba, n, ZoneColour, ZoneFillAlpha);
                }
            }

            legend.Add(new AblationLegendEntry(ZoneLayer, "lethal zone", Hex(ZoneColour), "fill"));
        }

        if (layers.Contains(MarginLayer) && margin is not null)
        {
            var marginImage = Reslicer.Reslice(margin, plane, Interpolator.Nearest.WithOutside(double.NaN));
            for (var n = 0; n < marginImage.Pixels.Length; n++)
            {
                var mm = marginImage.Pixels[n];
                if (!float.IsNaN(mm))
                {
                    Over(rgba, n, MarginBands.Last(b => mm >= b.FromMm).Colour, 255);
                }
            }

            legend.AddRange(MarginBands.Select(b => new AblationLegendEntry(MarginLayer, b.Label, Hex(b.Colour), "fill")));
        }

        if (layers.Contains(IsothermsLayer))
        {
            for (var t = 0; t < isothermsCelsius.Count; t++)
            {
                var colour = IsothermColour(isothermsCelsius[t]);
                Outline(rgba, width, height, n => (bits[n] & (1 << (t + 1))) != 0, colour);
                legend.Add(new AblationLegendEntry(IsothermsLayer, isothermsCelsius[t].ToString("0.#", CultureInfo.InvariantCulture) + " °C", Hex(colour), "outline"));
            }
        }

        if (layers.Contains(ZoneLayer))
        {
            Outline(rgba, width, height, n => (bits[n] & 1) != 0, ZoneColour);
        }

        if (layers.Contains(AchievedLayer) && achieved is not null)
        {
            var achievedImage = Reslicer.Reslice(achieved, plane, Interpolator.Nearest);
            Outline(rgba, width, height, n => achievedImage.Pixels[n] != 0, AchievedColour);
            legend.Add(new AblationLegendEntry(AchievedLayer, "achieved zone", Hex(AchievedColour), "outline"));
        }

        return new AblationOverlayImage(PngEncoder.EncodeRgba(rgba, width, height), legend);
    }

    private static void Outline(byte[] rgba, int width, int height, Func<int, bool> inside, uint colour)
    {
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var n = (y * width) + x;
                if (!inside(n))
                {
                    continue;
                }

                var edge = x == 0 || y == 0 || x == width - 1 || y == height - 1
                    || !inside(n - 1) || !inside(n + 1) || !inside(n - width) || !inside(n + width);
                if (edge)
                {
                    Over(rgba, n, colour, 255);
                }
            }
        }
    }

    /// <summary>Composites a straight-alpha colour over pixel <paramref name="n"/>.</summary>
    private static void Over(byte[] rgba, int n, uint colour, byte alpha)
    {
        var o = 4 * n;
        double sa = alpha / 255.0, da = rgba[o + 3] / 255.0;
        var outA = sa + (da * (1 - sa));
        if (outA <= 0)
        {
            return;
        }

        for (var c = 0; c < 3; c++)
        {
            var src = (colour >> (16 - (8 * c))) & 0xFF;
            rgba[o + c] = (byte)Math.Round(((src * sa) + (rgba[o + c] * da * (1 - sa))) / outA);
        }

        rgba[o + 3] = (byte)Math.Round(outA * 255);
    }

    private static string Hex(uint colour) => $"#{colour:x6}";
}
