namespace Seldinger.Dicom;

/// <summary>Options for reading DICOM files.</summary>
public sealed class DicomReadOptions
{
    /// <summary>
    /// Stop at the first top-level element from (7FE0,0008) Float Pixel Data on, so a header-only read
    /// neither reads nor keeps the pixel bytes. Files on disk are then read in growing chunks from
    /// the start, never in full.
    /// </summary>
    public bool StopBeforePixelData { get; init; }

    /// <summary>The largest inflated size accepted for a deflated dataset (default 1 GiB), against deflate bombs.</summary>
    public long MaxInflatedBytes { get; init; } = 1L << 30;
}
