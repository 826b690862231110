namespace Seldinger.Storage.Entities;

/// <summary>
/// A stored procedure plan: the plan itself (as the JSON of the planning library's plan model) with
/// what it was made from, so that it can be re-run and compared: the series and a digest of its label
/// map, the catalogue's version and digest, and the inputs given.
/// </summary>
public sealed class ProcedurePlanRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The case this plan belongs to.</summary>
    public Guid CaseId { get; set; }

    /// <summary>Procedure id in the catalogue, e.g. <c>biopsy-deep</c>.</summary>
    public required string ProcedureId { get; set; }

    /// <summary>The planner that made it, e.g. <c>needle</c>.</summary>
    public required string Planner { get; set; }

    /// <summary><c>automatic</c> or <c>manual</c>.</summary>
    public required string Method { get; set; }

    /// <summary>When the plan was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The series planned on.</summary>
    public string? SeriesInstanceUid { get; set; }

    /// <summary>SHA-256 (lower-case hex) of the label map's geometry and voxels at planning time.</summary>
    public required string LabelsDigest { get; set; }

    /// <summary>Format version of the catalogue the plan was made under.</summary>
    public int CatalogueVersion { get; set; }

    /// <summary>SHA-256 of the catalogue text the plan was made under.</summary>
    public required string CatalogueDigest { get; set; }

    /// <summary>The inputs as JSON: target, manual entry, weight and age (what a re-run uses again).</summary>
    public required string InputsJson { get; set; }

    /// <summary>The plan as JSON (the planning library's plan model).</summary>
    public required string PlanJson { get; set; }

    /// <summary>Whether a route meeting every hard constraint was found (or the manual route is safe).</summary>
    public bool Feasible { get; set; }
}
