using System.Buffers.Binary;
using System.Text;
using Seldinger.Dicom.Internal;
using Seldinger.Dicom.Pixels;
using Seldinger.Dicom.Pixels.Internal;

namespace Seldinger.Dicom;

/// <summary>
/// A DICOM file: File Meta Information (group 0002), the dataset and its transfer syntax.
/// Reads Part 10 files (preamble, "DICM", meta), meta without preamble and bare datasets;
/// writes Part 10 files.
/// </summary>
public sealed class DicomFile
{
    private const int FirstChunk = 1 << 16;

    internal DicomFile(DicomDataset fileMetaInfo, DicomDataset dataset, TransferSyntax syntax, DicomFileFormat format, ReadOnlyMemory<byte> preamble, string? filePath)
    {
        FileMetaInfo = fileMetaInfo;
        Dataset = dataset;
        TransferSyntax = syntax;
        Format = format;
        Preamble = preamble;
        FilePath = filePath;
    }

    /// <summary>The File Meta Information elements (group 0002); empty for a bare dataset.</summary>
    public DicomDataset FileMetaInfo { get; }

    /// <summary>The dataset.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax of the dataset.</summary>
    public TransferSyntax TransferSyntax { get; }

    /// <summary>How the file was laid out when read (<see cref="DicomFileFormat.Part10"/> for created files).</summary>
    public DicomFileFormat Format { get; }

    /// <summary>The 128-byte preamble as read; empty when there was none (zeros are written).</summary>
    public ReadOnlyMemory<byte> Preamble { get; }

    /// <summary>The path the file was read from, or null.</summary>
    public string? FilePath { get; }

    /// <summary>
    /// Where the pixel data lies in <see cref="FilePath"/> when the file was opened with
    /// <see cref="DicomReadOptions.DeferPixelData"/>; the dataset then has no Pixel Data element. Null otherwise.
    /// </summary>
    public DeferredPixelData? DeferredPixelData { get; private set; }

    /// <summary>
    /// What the reader recovered from, one located line each (file, byte offset, element): a dataset encoded in
    /// another VR encoding than its transfer syntax says, an item running past the end of its sequence, a UN
    /// sequence that could not be parsed, a truncation accepted with <see cref="DicomReadOptions.AllowTruncated"/>.
    /// Empty for a well-formed file and for created files.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; internal set; } = [];

    internal DicomReader.PixelDataHeader? PendingPixelData { get; set; }

    /// <summary>
    /// Creates a file for <paramref name="dataset"/> with File Meta Information built from it: version 00\01,
    /// media storage SOP class and instance from SOPClassUID (0008,0016) and SOPInstanceUID (0008,0018),
    /// the transfer syntax and Seldinger's implementation class UID and version name.
    /// </summary>
    /// <exception cref="DicomDataException">SOPClassUID or SOPInstanceUID is missing.</exception>
    public static DicomFile Create(DicomDataset dataset, TransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(syntax);
        var meta = new DicomDataset();
        meta.SetBytes(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0, 1 });
        meta.SetString(DicomTags.MediaStorageSOPClassUID, dataset.GetString(DicomTags.SOPClassUID));
        meta.SetString(DicomTags.MediaStorageSOPInstanceUID, dataset.GetString(DicomTags.SOPInstanceUID));
        meta.SetString(DicomTags.TransferSyntaxUID, syntax.Uid);
        meta.SetString(DicomTags.ImplementationClassUID, DicomUids.ImplementationClassUid);
        meta.SetString(DicomTags.ImplementationVersionName, DicomUids.ImplementationVersionName);
        return new DicomFile(meta, dataset, syntax, DicomFileFormat.Part10, ReadOnlyMemory<byte>.Empty, null);
    }

    /// <summary>Reads a DICOM file from disk.</summary>
    /// <exception cref="DicomFileException">The file is not DICOM or is corrupt; the message names the file, byte offset and tag.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        options ??= new DicomReadOptions();
        var file = ReadCore(stream, options, path);
        if (file.PendingPixelData is { } header)
        {
            file.PendingPixelData = null;
            var warnings = options.AllowTruncated ? new List<string>() : null;
            file.DeferredPixelData = Locate(stream, Path.GetFullPath(path), header, warnings);
            if (warnings is { Count: > 0 })
            {
                file.Warnings = [.. file.Warnings, .. warnings];
            }
        }

        return file;
    }

    /// <summary>
    /// Reads a DICOM file from <paramref name="stream"/>, from its current position to its end.
    /// <paramref name="name"/> names the source in error messages.
    /// </summary>
    /// <exception cref="DicomFileException">The content is not DICOM or is corrupt.</exception>
    public static DicomFile Read(Stream stream, DicomReadOptions? options = null, string name = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        options ??= new DicomReadOptions();
        if (options.DeferPixelData)
        {
            options = new DicomReadOptions { StopBeforePixelData = options.StopBeforePixelData, MaxInflatedBytes = options.MaxInflatedBytes, AllowTruncated = options.AllowTruncated };
        }

        return ReadCore(stream, options, name);
    }

    private static DicomFile ReadCore(Stream stream, DicomReadOptions options, string name)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            return DicomReader.Read(name, copy.GetBuffer(), (int)copy.Length, copy.Length, options);
        }

        var start = stream.Position;
        var total = stream.Length - start;
        if (total > Array.MaxLength && !options.StopBeforePixelData && !options.DeferPixelData)
        {
            throw new DicomFileException(name, 0, null, $"file of {total} bytes is larger than the {Array.MaxLength} bytes this version reads");
        }

        // Header-only reads start with a small chunk and grow it only while the header goes on.
        var chunk = options.StopBeforePixelData || options.DeferPixelData ? Math.Min(total, FirstChunk) : total;
        while (true)
        {
            var buffer = new byte[chunk];
            stream.Position = start;
            stream.ReadExactly(buffer);
            try
            {
                return DicomReader.Read(name, buffer, (int)chunk, total, options);
            }
            catch (DicomReader.NeedMoreDataException) when (chunk < Math.Min(total, Array.MaxLength))
            {
                chunk = Math.Min(Math.Min(total, Array.MaxLength), chunk * 4);
            }
        }
    }

    // Records where a deferred Pixel Data element's value (native) or fragments (encapsulated) lie. When they run
    // past the end of the file, returns null with a warning if warnings are collected (AllowTruncated), else throws.
    private static DeferredPixelData? Locate(Stream stream, string path, DicomReader.PixelDataHeader header, List<string>? warnings)
    {
        DeferredPixelData? Truncated(long offset, string detail)
        {
            if (warnings is null)
            {
                throw new DicomFileException(path, offset, header.Tag, detail);
            }

            warnings.Add(new DicomFileException(path, offset, header.Tag, "truncated file: " + detail + "; the elements read before it are kept").Message);
            return null;
        }

        const uint undefined = 0xFFFFFFFF;
        var length = stream.Length;
        if (header.Length != undefined)
        {
            if (header.ValueOffset + header.Length > length)
            {
                return Truncated(header.ValueOffset, $"element {header.Tag} declares {header.Length} bytes but only {length - header.ValueOffset} remain");
            }

            return new DeferredPixelData(path, header.Tag, header.VR, header.ValueOffset, header.Length, ReadOnlyMemory<byte>.Empty, null, null);
        }

        var offsets = new List<long>();
        var lengths = new List<int>();
        ReadOnlyMemory<byte>? table = null;
        var pos = header.ValueOffset;
        Span<byte> item = stackalloc byte[8];
        while (true)
        {
            if (pos + 8 > length)
            {
                return Truncated(pos, $"encapsulated pixel data {header.Tag} has no sequence delimiter before the end of the file");
            }

            stream.Position = pos;
            stream.ReadExactly(item);
            var tag = ((uint)BinaryPrimitives.ReadUInt16LittleEndian(item) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(item[2..]);
            var itemLength = BinaryPrimitives.ReadUInt32LittleEndian(item[4..]);
            if (tag == 0xFFFEE0DD)
            {
                return new DeferredPixelData(path, header.Tag, header.VR, header.ValueOffset, -1, table ?? ReadOnlyMemory<byte>.Empty, [.. offsets], [.. lengths]);
            }

            if (tag == 0xFFFEE000 && itemLength != undefined && itemLength <= int.MaxValue && pos + 8 + itemLength > length)
            {
                return Truncated(pos, $"fragment of {header.Tag} declares {itemLength} bytes but only {length - pos - 8} remain");
            }

            if (tag != 0xFFFEE000 || itemLength == undefined || pos + 8 + itemLength > length || itemLength > int.MaxValue)
            {
                throw new DicomFileException(path, pos, header.Tag, $"expected a fragment item (FFFE,E000) of a length that fits the file in encapsulated pixel data, found {DicomTag.FromValue(tag)} of {itemLength} bytes");
            }

            if (table is null)
            {
                var bytes = new byte[itemLength];
                stream.ReadExactly(bytes);
                table = bytes;
            }
            else
            {
                offsets.Add(pos + 8);
                lengths.Add((int)itemLength);
            }

            pos += 8 + itemLength;
        }
    }

    /// <summary>
    /// A copy of this file in <paramref name="target"/>: the meta's transfer syntax is updated and the pixel
    /// data decoded to native (any syntax with a codec in <see cref="Codecs.PixelCodecs"/>) or encoded to
    /// RLE Lossless or JPEG Lossless, frame by frame with a Basic Offset Table. Planar Configuration and
    /// Photometric Interpretation follow the new encoding (YBR_FULL_422 becomes YBR_FULL, YBR_RCT/ICT
    /// become RGB; RLE colour is planar, everything else interleaved). Lossy sources stay marked lossy.
    /// </summary>
    /// <exception cref="DicomNotSupportedException">The source cannot be decoded or the target cannot be encoded.</exception>
    public DicomFile Transcode(TransferSyntax target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var dataset = PixelTranscoder.Transcode(this, target);
        var meta = new DicomDataset();
        foreach (var element in FileMetaInfo)
        {
            meta.Set(element);
        }

        meta.SetString(DicomTags.TransferSyntaxUID, target.Uid);
        return new DicomFile(meta, dataset, target, DicomFileFormat.Part10, Preamble, null);
    }

    /// <summary>
    /// The native (uncompressed) pixel data bytes as stored. For compressed data, decode frames with
    /// <see cref="DicomPixelData"/> or decompress with <see cref="Transcode"/>.
    /// </summary>
    /// <exception cref="DicomNotSupportedException">The pixel data is compressed.</exception>
    /// <exception cref="DicomDataException">There is no pixel data.</exception>
    public ReadOnlyMemory<byte> GetNativePixelData()
    {
        if (DeferredPixelData is { IsEncapsulated: false } deferred && !Dataset.Contains(DicomTags.PixelData))
        {
            var bytes = new byte[checked((int)deferred.ValueLength)];
            deferred.Read(deferred.ValueOffset, bytes);
            if (TransferSyntax.IsBigEndian)
            {
                DicomReader.Swap(bytes, deferred.VR);
            }

            return bytes;
        }

        var element = Dataset.GetElement(DicomTags.PixelData);
        if (element.Fragments is not null || TransferSyntax.IsEncapsulated)
        {
            throw new DicomNotSupportedException($"pixel data is compressed ({TransferSyntax.Name}); decode it with DicomPixelData or DicomFile.Transcode");
        }

        return element.Value;
    }

    /// <summary>
    /// Writes the file to <paramref name="path"/> atomically: into a temporary file in the same
    /// directory, flushed to disk, then renamed over the target. The target is never half-written.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes the file (preamble, "DICM", File Meta Information, dataset) to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        DicomWriter.WriteFile(stream, this);
    }

    /// <summary>The file as bytes.</summary>
    public byte[] ToArray()
    {
        using var stream = new MemoryStream();
        WriteTo(stream);
        return stream.ToArray();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(FilePath ?? "DICOM file").Append(" (").Append(TransferSyntax.Name).Append(", ").Append(Dataset.Count).Append(" elements)");
        return sb.ToString();
    }

}
