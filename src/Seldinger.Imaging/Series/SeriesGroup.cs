using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Series;

/// <summary>
/// Files of one series that share one orientation and image size: a candidate volume for
/// <see cref="DicomSeriesReader"/> (single-frame) or one multi-frame file.
/// </summary>
public sealed record SeriesGroup
{
    /// <summary>Series Instance UID.</summary>
    public required string SeriesInstanceUid { get; init; }

    /// <summary>Series Number (0020,0011), when present.</summary>
    public int? SeriesNumber { get; init; }

    /// <summary>Modality.</summary>
    public required string Modality { get; init; }

    /// <summary>Series Description.</summary>
    public required string SeriesDescription { get; init; }

    /// <summary>SOP Class UID of the images.</summary>
    public required string SopClassUid { get; init; }

    /// <summary>Row direction (first three values of Image Orientation (Patient)); zero for a multi-frame file.</summary>
    public Vector3D Row { get; init; }

    /// <summary>Column direction (last three values of Image Orientation (Patient)); zero for a multi-frame file.</summary>
    public Vector3D Column { get; init; }

    /// <summary>Rows (0028,0010).</summary>
    public required int Rows { get; init; }

    /// <summary>Columns (0028,0011).</summary>
    public required int Columns { get; init; }

    /// <summary>Number of Frames of a multi-frame file; 1 for a stack of single-frame files.</summary>
    public int Frames { get; init; } = 1;

    /// <summary>Which group of its series this is (0, 1, …) when a scanner put several orientations or sizes in one series.</summary>
    public int GroupIndex { get; init; }

    /// <summary>The files, in the order given (<see cref="DicomSeriesReader"/> sorts them).</summary>
    public required IReadOnlyList<string> Files { get; init; }
}
