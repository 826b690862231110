using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;

namespace Seldinger.Planning.Plans;

/// <summary>A named anatomical point the planners may use (vessel points, the cavo-atrial junction, joints, ribs).</summary>
/// <param name="Name">Kebab-case name, e.g. <c>right-basilic-vein</c>, <c>cavo-atrial-junction</c>, <c>rib-right-7</c>.</param>
/// <param name="Point">Position in patient space (LPS, mm).</param>
/// <param name="DiameterMm">Lumen or structure diameter where it has one.</param>
/// <param name="Label">The label the point belongs to.</param>
public sealed record PlanLandmark(string Name, WorldPoint Point, double? DiameterMm, TissueLabel Label);

/// <summary>Everything a procedure plan is computed from. A plan is a pure function of this input.</summary>
public sealed record PlanningInput
{
    /// <summary>The label map of the planning series.</summary>
    public required Volume<byte> Labels { get; init; }

    /// <summary>The CT in Hounsfield units on the same grid as <see cref="Labels"/>, when the planner needs intensities (vessel segmentation).</summary>
    public Volume<short>? Hounsfield { get; init; }

    /// <summary>The procedure to plan.</summary>
    public required ProcedureDefinition Procedure { get; init; }

    /// <summary>The catalogue the procedure comes from (its version and digest are stored with the plan).</summary>
    public required ProcedureCatalogue Catalogue { get; init; }

    /// <summary>The target point chosen by the doctor; when absent the planner chooses it (e.g. the deepest safe pocket of a collection).</summary>
    public WorldPoint? Target { get; init; }

    /// <summary>A skin entry chosen by the doctor: the plan then evaluates this path instead of searching.</summary>
    public WorldPoint? ManualEntry { get; init; }

    /// <summary>Named anatomical points of the case (from the phantom manifest or placed by the user).</summary>
    public IReadOnlyList<PlanLandmark> Landmarks { get; init; } = [];

    /// <summary>Body weight, kg (doses by weight).</summary>
    public double? WeightKg { get; init; }

    /// <summary>Age, years.</summary>
    public double? AgeYears { get; init; }

    /// <summary>The landmark with this name, or <see langword="null"/>.</summary>
    public PlanLandmark? Landmark(string name) => Landmarks.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.Ordinal));

    /// <summary>The input for planning <paramref name="procedure"/> on a generated phantom: its labels, CT, landmarks, weight and target.</summary>
    public static PlanningInput FromPhantom(WholeBodyPhantomResult phantom, ProcedureDefinition procedure, ProcedureCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(phantom);
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(catalogue);
        return new PlanningInput
        {
            Labels = phantom.Labels,
            Hounsfield = phantom.Hounsfield,
            Procedure = procedure,
            Catalogue = catalogue,
            Target = phantom.Target.Center,
            Landmarks = LandmarksOf(phantom),
            WeightKg = phantom.BodySizes.TryGetValue("weightKg", out var w) ? w : null,
            AgeYears = phantom.AgeYears,
        };
    }

    /// <summary>The phantom's landmarks as plan landmarks.</summary>
    public static IReadOnlyList<PlanLandmark> LandmarksOf(WholeBodyPhantomResult phantom)
    {
        ArgumentNullException.ThrowIfNull(phantom);
        return [.. phantom.Landmarks.Select(l => new PlanLandmark(l.Name, l.Point, l.DiameterMm, l.Label))];
    }
}
