namespace Seldinger.Server.Contracts;

/// <summary>Body of <c>POST /api/library-cases</c>.</summary>
/// <param name="Case">Library case name (<c>GET /api/library-cases</c>).</param>
/// <param name="AgeYears">Age of the child, 0–15 years (default 5).</param>
/// <param name="Size">Columns and rows of each axial slice, 32–512 (default 192).</param>
public sealed record CreateLibraryCaseRequest(string? Case, double? AgeYears, int? Size);
