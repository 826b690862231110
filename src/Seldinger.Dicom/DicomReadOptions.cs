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

    /// <summary>
    /// Do not read the Pixel Data (7FE0,0010) of a file opened with <see cref="DicomFile.Open"/>: the file
    /// is read up to it, its value's offset and length (native) or its fragments' offsets and lengths
    /// (encapsulated) are recorded in <see cref="DicomFile.DeferredPixelData"/>, and
    /// <see cref="Pixels.DicomPixelData"/> reads frames from the file one at a time. Elements after the
    /// pixel data (rare: trailing padding) are not read. Ignored for streams and deflated files, which are read whole.
    /// </summary>
    public bool DeferPixelData { get; init; }

    /// <summary>
    /// Read a truncated file (one that ends inside an element, an item or the pixel data) instead of failing:
    /// the dataset holds the elements read before the end of the file, sequences keep the items read up to
    /// it (the last one possibly partial), the element cut by the end of the file is left out, and
    /// <see cref="DicomFile.Warnings"/> says where the file ends. Off by default, where such a file fails with
    /// a <see cref="DicomFileException"/> at the same place; meant for salvaging data, never for storing it as whole.
    /// </summary>
    public bool AllowTruncated { get; init; }

    /// <summary>The largest inflated size accepted for a deflated dataset (default 1 GiB), against deflate bombs.</summary>
    public long MaxInflatedBytes { get; init; } = 1L << 30;
}
