namespace Seldinger.Planning.Ablation;

/// <summary>A protection flag for a structure too close to the zone, in plain words.</summary>
/// <param name="Structure">Label name.</param>
/// <param name="Kind">What to consider.</param>
/// <param name="DistanceMm">Distance from the zone's surface (mm).</param>
/// <param name="Message">Plain-words flag, e.g. "Bowel 4 mm from the zone (10 mm asked): consider hydrodissection."</param>
public sealed record AblationProtectionSuggestion(string Structure, AblationProtectionKind Kind, double DistanceMm, string Message);
