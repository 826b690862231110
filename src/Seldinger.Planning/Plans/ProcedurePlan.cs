using System.Text.Json;
using System.Text.Json.Serialization;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Plans;

/// <summary>How serious a plan warning is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanWarningSeverity>))]
public enum PlanWarningSeverity
{
    /// <summary>Something the doctor should know; the plan stands.</summary>
    Info,

    /// <summary>A soft objective is not met (e.g. a long path, a steep angle, a vein near the ratio limit).</summary>
    Caution,

    /// <summary>A hard constraint is broken: the route as given is unsafe.</summary>
    Danger,
}

/// <summary>A warning in plain words, e.g. "passes 2.1 mm from the vein (minimum 5 mm)".</summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="Code">Stable machine code, e.g. <c>margin</c>, <c>crosses</c>, <c>too-long</c>, <c>below-rib</c>, <c>catheter-to-vein-ratio</c>.</param>
/// <param name="Message">The sentence shown to the doctor.</param>
/// <param name="Structure">The structure concerned, when there is one (a label name such as <c>Vein</c>).</param>
/// <param name="Route">Index of the route in <see cref="ProcedurePlan.Routes"/> the warning is about, or null for the whole plan.</param>
public sealed record PlanWarning(PlanWarningSeverity Severity, string Code, string Message, string? Structure = null, int? Route = null);

/// <summary>How close a route comes to one protected structure.</summary>
/// <param name="Structure">Label name.</param>
/// <param name="DistanceMm">Smallest distance from the route to the structure, mm; null when the structure is absent from the volume.</param>
/// <param name="RequiredMm">The catalogue's minimum clearance, mm.</param>
/// <param name="Crossed">Whether the route passes through the structure.</param>
/// <param name="Violates">Whether the route crosses it or comes closer than required.</param>
public sealed record RouteClearance(string Structure, double? DistanceMm, double RequiredMm, bool Crossed, bool Violates);

/// <summary>One proposed route: a straight needle (two points) or a catheter/tube path (a polyline).</summary>
/// <param name="Kind"><c>needle</c>, <c>catheter</c> or <c>tube</c>.</param>
/// <param name="Points">From the entry (skin or access site) to the tip, patient space (LPS, mm).</param>
/// <param name="LengthMm">Length along the points, mm.</param>
/// <param name="InsertionAngleDeg">For a needle: angle to the axial plane, degrees (0 in-plane); null otherwise.</param>
/// <param name="Score">The planner's score (higher is better); comparable within one plan only.</param>
/// <param name="IsSafe">Whether every hard constraint holds.</param>
/// <param name="Clearances">Distance to each protected structure.</param>
/// <param name="Description">One line saying what the route is, e.g. "right basilic vein to the cavo-atrial junction".</param>
public sealed record PlannedRoute(
    string Kind,
    IReadOnlyList<WorldPoint> Points,
    double LengthMm,
    double? InsertionAngleDeg,
    double Score,
    bool IsSafe,
    IReadOnlyList<RouteClearance> Clearances,
    string Description)
{
    /// <summary>The first point (skin entry or access site).</summary>
    [JsonIgnore]
    public WorldPoint Entry => Points[0];

    /// <summary>The last point (target or catheter tip).</summary>
    [JsonIgnore]
    public WorldPoint Tip => Points[^1];
}

/// <summary>A non-dominated entry of an automatic needle search: no other safe entry is at once shorter, clearer and flatter.</summary>
/// <param name="Entry">Skin entry, LPS mm.</param>
/// <param name="LengthMm">Path length, mm.</param>
/// <param name="ClearanceSurplusMm">Smallest clearance beyond the required margins, mm (capped at the planner's clearance cap).</param>
/// <param name="InsertionAngleDeg">Angle to the axial plane, degrees.</param>
public sealed record ParetoEntry(WorldPoint Entry, double LengthMm, double ClearanceSurplusMm, double InsertionAngleDeg);

/// <summary>A named number of the plan, e.g. "stenosis, diameter" 60 %, "catheter length" 312 mm.</summary>
/// <param name="Name">What is measured, in plain words.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Unit (mm, mm², mL, %, mg, ratio, count…).</param>
/// <param name="Note">How it was measured or what it is compared with.</param>
public sealed record PlanMeasurement(string Name, double Value, string Unit, string? Note = null);

/// <summary>A named point of the plan (target, catheter tip, puncture target, lesion centre…).</summary>
/// <param name="Name">Display name.</param>
/// <param name="Role"><c>target</c>, <c>entry</c>, <c>tip</c>, <c>puncture</c>, <c>lesion</c>, <c>access</c>, <c>reference</c>…</param>
/// <param name="Point">LPS, mm.</param>
/// <param name="SizeMm">A diameter or size where it has one.</param>
public sealed record PlanPoint(string Name, string Role, WorldPoint Point, double? SizeMm = null);

/// <summary>A named polyline of the plan (vessel centreline, enteric tube route, window outline).</summary>
/// <param name="Name">Display name.</param>
/// <param name="Role"><c>centreline</c>, <c>route</c>, <c>outline</c>…</param>
/// <param name="Points">LPS, mm.</param>
public sealed record PlanPolyline(string Name, string Role, IReadOnlyList<WorldPoint> Points);

/// <summary>
/// The result of planning one procedure on one case, the same whichever planner made it: routes ranked best
/// first, what the search rejected and why, warnings in plain words, measurements, points and polylines.
/// </summary>
public sealed record ProcedurePlan
{
    /// <summary>Procedure id in the catalogue.</summary>
    public required string ProcedureId { get; init; }

    /// <summary>Procedure name.</summary>
    public required string ProcedureName { get; init; }

    /// <summary>The route kind of the procedure.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<RouteKind>))]
    public required RouteKind RouteKind { get; init; }

    /// <summary>Which planner made the plan, e.g. <c>needle</c>, <c>vascular-access</c>, <c>angiography</c>.</summary>
    public required string Planner { get; init; }

    /// <summary><c>automatic</c> (searched) or <c>manual</c> (a doctor's route evaluated).</summary>
    public required string Method { get; init; }

    /// <summary>Format version of the catalogue the plan was made under.</summary>
    public required int CatalogueVersion { get; init; }

    /// <summary>SHA-256 of the catalogue text the plan was made under.</summary>
    public required string CatalogueDigest { get; init; }

    /// <summary>Whether a route meeting every hard constraint exists (for a manual route: whether it is safe).</summary>
    public required bool Feasible { get; init; }

    /// <summary>The target the plan aims at (given or chosen), LPS mm.</summary>
    public WorldPoint? Target { get; init; }

    /// <summary>Why the target was chosen, when the planner chose it (e.g. "deepest point of the collection 14.2 mm from its wall").</summary>
    public string? TargetReason { get; init; }

    /// <summary>Routes, best first (the first is the proposal).</summary>
    public IReadOnlyList<PlannedRoute> Routes { get; init; } = [];

    /// <summary>The Pareto front of the automatic search (empty for manual or non-needle plans).</summary>
    public IReadOnlyList<ParetoEntry> ParetoFront { get; init; } = [];

    /// <summary>How many candidates (skin entries, veins…) were tried.</summary>
    public int CandidatesConsidered { get; init; }

    /// <summary>How many candidates each constraint removed, reason → count (the first reason that applies per candidate).</summary>
    public IReadOnlyDictionary<string, int> Rejections { get; init; } = new Dictionary<string, int>();

    /// <summary>Warnings in plain words.</summary>
    public IReadOnlyList<PlanWarning> Warnings { get; init; } = [];

    /// <summary>Measurements.</summary>
    public IReadOnlyList<PlanMeasurement> Measurements { get; init; } = [];

    /// <summary>Named points.</summary>
    public IReadOnlyList<PlanPoint> Points { get; init; } = [];

    /// <summary>Named polylines.</summary>
    public IReadOnlyList<PlanPolyline> Polylines { get; init; } = [];

    /// <summary>The devices the plan assumes (from the catalogue, possibly chosen by size).</summary>
    public IReadOnlyList<ProcedureDevice> Devices { get; init; } = [];

    /// <summary>Ablation procedures: device, probes, zone model and the coverage/margin evaluation; null for other procedures.</summary>
    public Ablation.AblationPlanSummary? Ablation { get; init; }

    /// <summary>
    /// A plan of <paramref name="input"/>'s procedure under its catalogue (id, name, route kind, catalogue version and
    /// digest filled in), for a planner to complete with <c>with { … }</c>.
    /// </summary>
    public static ProcedurePlan Begin(PlanningInput input, string planner, string method, bool feasible)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ProcedurePlan
        {
            ProcedureId = input.Procedure.Id,
            ProcedureName = input.Procedure.Name,
            RouteKind = input.Procedure.Route,
            Planner = planner,
            Method = method,
            CatalogueVersion = input.Catalogue.Version,
            CatalogueDigest = input.Catalogue.Digest,
            Feasible = feasible,
        };
    }

    /// <summary>JSON options for plans: camelCase, enums by name; numbers that are not finite are not allowed (use null).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The plan as JSON (<see cref="JsonOptions"/>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>A plan from <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a plan.</exception>
    public static ProcedurePlan FromJson(string json) =>
        JsonSerializer.Deserialize<ProcedurePlan>(json, JsonOptions) ?? throw new JsonException("The plan JSON is null.");
}
