using Seldinger.Imaging.Geometry;

namespace Seldinger.Server.Contracts;

/// <summary>What a stored plan was made from besides the images and the catalogue; a re-run uses it again.</summary>
/// <param name="Target">The target used (given, or the case's), LPS mm.</param>
/// <param name="ManualEntry">The manual entry evaluated, when there was one.</param>
/// <param name="WeightKg">Body weight, kg.</param>
/// <param name="AgeYears">Age, years.</param>
public sealed record PlanInputsDto(WorldPoint? Target, WorldPoint? ManualEntry, double? WeightKg, double? AgeYears);
