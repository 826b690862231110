namespace Seldinger.Server.Services;

/// <summary>The JSON shape of one clearance inside <c>NeedlePlanRecord.ClearancesJson</c>.</summary>
public sealed record StoredClearance(string Structure, double MinimumDistanceMm, double RequiredMm, bool Crossed, bool ViolatesMargin);
