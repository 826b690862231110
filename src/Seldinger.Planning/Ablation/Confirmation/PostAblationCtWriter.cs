using Seldinger.Imaging;
using Seldinger.Imaging.Series;

namespace Seldinger.Planning.Ablation.Confirmation;

/// <summary>Writes a (synthetic) post-ablation contrast CT as a DICOM CT series through <see cref="CtSeriesWriter"/>.</summary>
public static class PostAblationCtWriter
{
    /// <summary>Series description used when the caller gives none.</summary>
    public const string DefaultSeriesDescription = "Post-ablation contrast CT (portal venous)";

    /// <summary>Writes the series into <paramref name="directory"/> (one file per slice) and returns the file paths.</summary>
    /// <remarks>
    /// Give the planning series' <see cref="CtSeriesDescription.StudyInstanceUid"/> and patient to file the scan with its
    /// planning CT, but not its frame of reference: the patient moved between the scans, which is why they are registered.
    /// </remarks>
    public static IReadOnlyList<string> Write(Volume<short> postCt, CtSeriesDescription description, string directory)
    {
        ArgumentNullException.ThrowIfNull(postCt);
        ArgumentNullException.ThrowIfNull(description);
        var series = description with
        {
            SeriesDescription = string.IsNullOrWhiteSpace(description.SeriesDescription) ? DefaultSeriesDescription : description.SeriesDescription,
        };
        return CtSeriesWriter.Write(postCt, series, directory);
    }
}
