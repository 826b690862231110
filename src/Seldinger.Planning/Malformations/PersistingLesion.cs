using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Malformations;

/// <summary>A lesion found on both visits.</summary>
/// <param name="Earlier">The lesion on the earlier visit.</param>
/// <param name="Later">The same lesion on the later visit.</param>
/// <param name="DistanceMm">How far its centre moved, mm.</param>
/// <param name="SizeChangeMm">Later minus earlier size (equivalent diameter), mm; negative when it shrank.</param>
public sealed record PersistingLesion(PlanPoint Earlier, PlanPoint Later, double DistanceMm, double SizeChangeMm);
