namespace Seldinger.Server.Services;

/// <summary>The answer to <c>POST /api/dicom/import</c>: one entry per uploaded file and per series.</summary>
/// <param name="Files">Every uploaded file, in upload order.</param>
/// <param name="Series">Every series with at least one readable image among the files.</param>
public sealed record ImportResponse(IReadOnlyList<ImportFileResult> Files, IReadOnlyList<ImportSeriesResult> Series);
