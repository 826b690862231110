using Seldinger.Imaging.Series;
using Seldinger.Storage.Entities;

namespace Seldinger.Storage;

/// <summary>What an import stored: the series row and the volume it was checked against.</summary>
/// <param name="Series">The stored (or already present) series.</param>
/// <param name="Volume">The volume built from the files, geometry-checked.</param>
/// <param name="NewInstances">How many files were new to the store.</param>
public sealed record SeriesImportResult(ImageSeries Series, SeriesVolume Volume, int NewInstances);
