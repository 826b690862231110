using Seldinger.Server.Contracts;

namespace Seldinger.Server.Services;

/// <summary>One series the upload touched.</summary>
/// <param name="SeriesInstanceUid">The series UID.</param>
/// <param name="SlicesStored">Slices newly stored by this upload.</param>
/// <param name="SliceCount">Slices the stored series has now.</param>
/// <param name="Geometry">The stored volume's geometry, or null when the series was refused.</param>
/// <param name="Error">Why the series was refused, or null.</param>
public sealed record ImportSeriesResult(string SeriesInstanceUid, int SlicesStored, int SliceCount, SeriesGeometryDto? Geometry, string? Error);
