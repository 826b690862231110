namespace Seldinger.Server.Services;

/// <summary>What happened to one uploaded file.</summary>
/// <param name="Name">The file name the client sent.</param>
/// <param name="Status"><c>stored</c>, <c>already-stored</c> or <c>refused</c>.</param>
/// <param name="Code">Why it was refused: <c>not-dicom</c>, <c>corrupt</c>, <c>not-image</c>, <c>too-large</c>,
/// <c>duplicate</c>, <c>series-geometry</c> or <c>unsupported</c>; null when stored.</param>
/// <param name="Reason">A sentence a person can act on, e.g. "truncated or corrupt at byte 1234: ..."; null when stored.</param>
/// <param name="SeriesInstanceUid">The series the file belongs to, when it could be read.</param>
/// <param name="SopInstanceUid">The instance UID, when it could be read.</param>
public sealed record ImportFileResult(string Name, string Status, string? Code, string? Reason, string? SeriesInstanceUid, string? SopInstanceUid);
