using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Needles;

/// <summary>One safe entry found by <see cref="NeedleRoutePlanner.Search(Plans.PlanningInput, Imaging.Geometry.WorldPoint)"/>, with the numbers it was ranked by.</summary>
/// <param name="Entry">Skin entry (a voxel centre of the outer skin), LPS mm.</param>
/// <param name="Target">The target, LPS mm.</param>
/// <param name="LengthMm">Path length, mm.</param>
/// <param name="ClearanceSurplusMm">Smallest clearance beyond the required margins over the protected structures, capped at <see cref="NeedlePlannerOptions.ClearanceCapMm"/>, mm.</param>
/// <param name="InsertionAngleDeg">Angle to the axial plane, degrees.</param>
/// <param name="Score">The weighted score of the catalogue's objectives (higher is better).</param>
/// <param name="Position">The patient position that puts the entry up.</param>
public sealed record NeedleRouteCandidate(
    WorldPoint Entry,
    WorldPoint Target,
    double LengthMm,
    double ClearanceSurplusMm,
    double InsertionAngleDeg,
    double Score,
    PatientPosition Position);
