namespace Seldinger.Server.Contracts;

/// <summary>How close a path comes to one protected structure.</summary>
public sealed record ClearanceDto(
    string Structure,
    double MinimumDistanceMm,
    double RequiredMm,
    bool Crossed,
    bool ViolatesMargin);
