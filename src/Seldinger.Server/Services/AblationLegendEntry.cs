namespace Seldinger.Server.Services;

/// <summary>One colour of an ablation overlay's legend.</summary>
/// <param name="Layer"><c>zone</c>, <c>isotherms</c>, <c>margin</c> or <c>achieved</c>.</param>
/// <param name="Label">What the colour shows, e.g. <c>−20 °C</c> or <c>margin 0–5 mm</c>.</param>
/// <param name="Colour"><c>#rrggbb</c>.</param>
/// <param name="Style"><c>fill</c> or <c>outline</c>.</param>
public sealed record AblationLegendEntry(string Layer, string Label, string Colour, string Style);
