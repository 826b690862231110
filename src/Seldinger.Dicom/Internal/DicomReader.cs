using System.Buffers.Binary;
using System.IO.Compression;

namespace Seldinger.Dicom.Internal;

/// <summary>
/// Parses a DICOM file held in memory. Values are slices of the buffer, never copies; every length
/// is checked against the bytes that remain before anything is sliced, so a corrupt length is an
/// error at a known offset, never a large allocation.
/// </summary>
internal sealed class DicomReader
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private const uint ItemTag = 0xFFFEE000;
    private const uint ItemDelimitationTag = 0xFFFEE00D;
    private const uint SequenceDelimitationTag = 0xFFFEE0DD;
    private const int MaxDepth = 128;

    private readonly string _path;
    private readonly DicomReadOptions _options;
    private readonly bool _complete;
    private readonly long _fileLength;
    private byte[] _buffer;
    private int _length;
    private bool _bigEndian;
    private bool _inflated;

    private DicomReader(string path, byte[] buffer, int length, long fileLength, DicomReadOptions options)
    {
        _path = path;
        _buffer = buffer;
        _length = length;
        _fileLength = fileLength;
        _complete = length == fileLength;
        _options = options;
    }

    /// <summary>Thrown when a partial buffer ends before the parse could finish; the caller reads more and retries.</summary>
    internal sealed class NeedMoreDataException : Exception
    {
    }

    public static DicomFile Read(string path, byte[] buffer, int length, long fileLength, DicomReadOptions options)
    {
        var reader = new DicomReader(path, buffer, length, fileLength, options);
        var file = reader.ReadFile();
        file.PendingPixelData = reader.PendingPixelData;
        return file;
    }

    /// <summary>The Pixel Data header met in deferred mode: its tag, VR, value offset in the file and length (0xFFFFFFFF when encapsulated).</summary>
    internal readonly record struct PixelDataHeader(DicomTag Tag, DicomVR VR, long ValueOffset, uint Length);

    private PixelDataHeader? PendingPixelData { get; set; }

    private DicomFile ReadFile()
    {
        if (_length == 0 && _complete)
        {
            throw Error(0, null, "file is empty");
        }

        var meta = new DicomDataset();
        var pos = 0;
        DicomFileFormat format;
        ReadOnlyMemory<byte> preamble = ReadOnlyMemory<byte>.Empty;
        if (_fileLength >= 132 && Available(0, 132) && _buffer.AsSpan(128, 4).SequenceEqual("DICM"u8))
        {
            format = DicomFileFormat.Part10;
            preamble = _buffer.AsMemory(0, 128);
            pos = 132;
        }
        else if (!Available(0, Math.Min(8, _fileLength)))
        {
            throw new NeedMoreDataException();
        }
        else if (_length >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(_buffer) == 0x0002 && IsVR(4))
        {
            format = DicomFileFormat.FileMetaWithoutPreamble;
        }
        else
        {
            format = DicomFileFormat.RawDataset;
        }

        TransferSyntax syntax;
        if (format == DicomFileFormat.RawDataset)
        {
            syntax = DetectRawSyntax() ?? throw Error(
                _fileLength >= 132 ? 128 : 0,
                null,
                "not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset");
        }
        else
        {
            var metaExplicit = !Available(pos, 8) || IsVR(pos + 4);
            var metaStart = pos;
            ParseDataset(meta, ref pos, -1, 0, metaExplicit, true, null);
            if (meta.Count == 0)
            {
                throw Error(metaStart, null, "File Meta Information (group 0002) is missing after the \"DICM\" prefix");
            }

            if (pos >= _fileLength)
            {
                throw Error(pos, null, "file ends after the File Meta Information: the dataset is missing");
            }

            syntax = MetaSyntax(meta, pos);
        }

        var dataset = new DicomDataset();
        if (syntax.IsBigEndian)
        {
            _bigEndian = true;
        }

        if (syntax.IsDeflated)
        {
            Inflate(pos);
            pos = 0;
        }

        ParseDataset(dataset, ref pos, -1, 0, syntax.IsExplicitVR, false, null);
        return new DicomFile(meta, dataset, syntax, format, preamble, _path);
    }

    private TransferSyntax MetaSyntax(DicomDataset meta, int datasetStart)
    {
        var element = meta.Find(DicomTags.TransferSyntaxUID);
        if (element is null || element.IsEmpty)
        {
            // No transfer syntax in the meta: decide from the first dataset element, as for raw datasets.
            if (!Available(datasetStart, 6))
            {
                return _complete && datasetStart >= _length ? TransferSyntax.ExplicitVRLittleEndian : throw new NeedMoreDataException();
            }

            return IsVR(datasetStart + 4) ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ImplicitVRLittleEndian;
        }

        var uid = DicomText.Decode(element.Value.Span, DicomVR.UI, null).TrimEnd('\0', ' ');
        return TransferSyntax.Lookup(uid) ?? throw Error(datasetStart, DicomTags.TransferSyntaxUID, $"unknown transfer syntax UID '{uid}'");
    }

    // A raw dataset must start with a group 0008 element (every composite IOD does), in little
    // endian (explicit or implicit VR) or explicit VR big endian.
    private TransferSyntax? DetectRawSyntax()
    {
        if (_length < 8)
        {
            return null;
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(_buffer) == 0x0008)
        {
            return IsVR(4) ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ImplicitVRLittleEndian;
        }

        return BinaryPrimitives.ReadUInt16BigEndian(_buffer) == 0x0008 && IsVR(4) ? TransferSyntax.ExplicitVRBigEndian : null;
    }

    private bool IsVR(int at) => at + 2 <= _length && DicomVR.TryParse(_buffer[at], _buffer[at + 1], out _);

    private void Inflate(int start)
    {
        var source = new MemoryStream(_buffer, start, _length - start, false);
        var output = new MemoryStream();
        try
        {
            using var deflate = new DeflateStream(source, CompressionMode.Decompress);
            var chunk = new byte[81920];
            int read;
            while ((read = deflate.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > _options.MaxInflatedBytes)
                {
                    throw Error(start, null, $"deflated dataset inflates to more than {_options.MaxInflatedBytes} bytes");
                }

                output.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw Error(start, null, "deflated dataset is corrupt: " + e.Message, e);
        }

        _buffer = output.GetBuffer();
        _length = (int)output.Length;
        _inflated = true;
    }

    private bool Available(long pos, long count) => pos + count <= _length;

    /// <summary>Ensures <paramref name="count"/> bytes at <paramref name="pos"/> lie before <paramref name="end"/> (or the end of file).</summary>
    private void Require(int pos, long count, int end, DicomTag? tag, string what)
    {
        long limit = end >= 0 ? end : (_inflated ? _length : _fileLength);
        if (pos + count > limit)
        {
            var remaining = Math.Max(0, limit - pos);
            var where = end >= 0 ? " in the enclosing item or sequence" : string.Empty;
            throw Error(pos, tag, $"{what} needs {count} bytes but only {remaining} remain{where}");
        }

        if (pos + count > _length)
        {
            throw new NeedMoreDataException();
        }
    }

    private uint ReadTag(int pos)
    {
        var span = _buffer.AsSpan(pos, 4);
        return _bigEndian
            ? ((uint)BinaryPrimitives.ReadUInt16BigEndian(span) << 16) | BinaryPrimitives.ReadUInt16BigEndian(span[2..])
            : ((uint)BinaryPrimitives.ReadUInt16LittleEndian(span) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
    }

    private uint ReadUInt32(int pos) => _bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(pos, 4))
        : BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(pos, 4));

    private ushort ReadUInt16(int pos) => _bigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(pos, 2))
        : BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(pos, 2));

    /// <summary>
    /// Parses elements into <paramref name="dataset"/> from <paramref name="pos"/> up to <paramref name="end"/>,
    /// or, when end is -1, up to an item delimiter (items) or the end of the file (top level).
    /// </summary>
    private void ParseDataset(DicomDataset dataset, ref int pos, int end, int depth, bool explicitVR, bool metaOnly, DicomTag? parent)
    {
        var topLevel = depth == 0;
        while (true)
        {
            if (end >= 0)
            {
                if (pos >= end)
                {
                    return;
                }
            }
            else if (topLevel && pos >= _length)
            {
                if (_complete || pos >= _fileLength)
                {
                    return;
                }

                throw new NeedMoreDataException();
            }
            else if (!topLevel && pos >= _length && (_complete || pos >= _fileLength))
            {
                throw Error(pos, parent, $"item in sequence {parent?.ToDisplayString()} has no item delimiter before the end of the file");
            }

            Require(pos, 4, end, parent, "element tag");
            var tagValue = ReadTag(pos);
            var tag = DicomTag.FromValue(tagValue);
            if (metaOnly && tag.Group != 0x0002)
            {
                return;
            }

            if (tagValue == ItemDelimitationTag && end < 0 && !topLevel)
            {
                Require(pos, 8, end, tag, "item delimiter");
                pos += 8;
                return;
            }

            if (tag.Group == 0xFFFE)
            {
                throw Error(pos, tag, $"unexpected {(tagValue == SequenceDelimitationTag ? "sequence delimiter" : tagValue == ItemDelimitationTag ? "item delimiter" : "item tag")} outside a sequence");
            }

            if (topLevel && !metaOnly && _options.StopBeforePixelData && tagValue >= 0x7FE00008)
            {
                return;
            }

            var elementStart = pos;
            DicomVR vr;
            uint length;
            int header;
            if (explicitVR)
            {
                Require(pos, 8, end, tag, $"element {tag} header");
                if (!DicomVR.TryParse(_buffer[pos + 4], _buffer[pos + 5], out var parsed))
                {
                    throw Error(pos + 4, tag, $"element {tag} has invalid VR bytes 0x{_buffer[pos + 4]:X2} 0x{_buffer[pos + 5]:X2}");
                }

                vr = parsed;
                if (vr.HasLongExplicitLength)
                {
                    Require(pos, 12, end, tag, $"element {tag} header");
                    length = ReadUInt32(pos + 8);
                    header = 12;
                }
                else
                {
                    length = ReadUInt16(pos + 6);
                    header = 8;
                }
            }
            else
            {
                Require(pos, 8, end, tag, $"element {tag} header");
                length = ReadUInt32(pos + 4);
                header = 8;
                vr = tagValue == 0x7FE00010 ? DicomVR.OW : DicomDictionary.DefaultVR(tag);
            }

            if (topLevel && !metaOnly && _options.DeferPixelData && !_inflated && tagValue == 0x7FE00010)
            {
                PendingPixelData = new PixelDataHeader(tag, vr, pos + header, length);
                return;
            }

            pos += header;
            DicomElement element;
            if (length == UndefinedLength)
            {
                if (depth >= MaxDepth)
                {
                    throw Error(elementStart, tag, $"sequences nested deeper than {MaxDepth} levels");
                }

                if (tagValue == 0x7FE00010 && vr != DicomVR.SQ)
                {
                    element = new DicomElement(tag, ParseFragments(ref pos, end, tag));
                }
                else if (vr == DicomVR.SQ || vr == DicomVR.UN || !explicitVR)
                {
                    // PS3.5 6.2.2: an undefined-length UN is a sequence encoded in implicit VR little endian.
                    var itemsExplicit = explicitVR && vr == DicomVR.SQ;
                    element = new DicomElement(tag, ParseItems(ref pos, -1, depth, itemsExplicit, tag, dataset.CharacterSet));
                }
                else
                {
                    throw Error(elementStart, tag, $"element {tag.ToDisplayString()} with VR {vr.Code} has undefined length");
                }
            }
            else
            {
                long limit = end >= 0 ? end : (_inflated ? _length : _fileLength);
                if (pos + (long)length > limit)
                {
                    var where = end >= 0 ? " in the enclosing item or sequence" : string.Empty;
                    throw Error(elementStart, tag, $"element {tag} declares {length} bytes but only {Math.Max(0, limit - pos)} remain{where}");
                }

                if (pos + (long)length > _length)
                {
                    throw new NeedMoreDataException();
                }

                var valueEnd = pos + (int)length;
                if (vr == DicomVR.SQ)
                {
                    if (depth >= MaxDepth)
                    {
                        throw Error(elementStart, tag, $"sequences nested deeper than {MaxDepth} levels");
                    }

                    element = new DicomElement(tag, ParseItems(ref pos, valueEnd, depth, explicitVR, tag, dataset.CharacterSet));
                }
                else
                {
                    if (_bigEndian)
                    {
                        Swap(_buffer.AsSpan(pos, (int)length), vr);
                    }

                    element = new DicomElement(tag, vr, _buffer.AsMemory(pos, (int)length));
                }

                pos = valueEnd;
            }

            dataset.AddRead(element);
        }
    }

    private DicomSequence ParseItems(ref int pos, int end, int depth, bool explicitVR, DicomTag sequenceTag, string? characterSet)
    {
        var items = new List<DicomDataset>();
        while (true)
        {
            if (end >= 0 && pos >= end)
            {
                return new DicomSequence(items, false);
            }

            if (end < 0 && pos >= _length && (_complete || pos >= _fileLength))
            {
                throw Error(pos, sequenceTag, $"sequence {sequenceTag.ToDisplayString()} has no sequence delimiter before the end of the file");
            }

            Require(pos, 8, end, sequenceTag, $"item header in sequence {sequenceTag}");
            var tag = ReadTag(pos);
            var length = ReadUInt32(pos + 4);
            if (tag == SequenceDelimitationTag)
            {
                pos += 8;
                if (end < 0)
                {
                    return new DicomSequence(items, true);
                }

                continue;
            }

            if (tag != ItemTag)
            {
                throw Error(pos, sequenceTag, $"expected an item tag (FFFE,E000) in sequence {sequenceTag.ToDisplayString()}, found {DicomTag.FromValue(tag)}");
            }

            pos += 8;
            var item = new DicomDataset { InheritedCharacterSet = characterSet };
            if (length == UndefinedLength)
            {
                ParseDataset(item, ref pos, -1, depth + 1, explicitVR, false, sequenceTag);
                item.HasUndefinedItemLength = true;
            }
            else
            {
                long limit = end >= 0 ? end : (_inflated ? _length : _fileLength);
                if (pos + (long)length > limit)
                {
                    throw Error(pos - 8, sequenceTag, $"item in sequence {sequenceTag} declares {length} bytes but only {Math.Max(0, limit - pos)} remain");
                }

                if (pos + (long)length > _length)
                {
                    throw new NeedMoreDataException();
                }

                ParseDataset(item, ref pos, pos + (int)length, depth + 1, explicitVR, false, sequenceTag);
                item.HasUndefinedItemLength = false;
            }

            items.Add(item);
        }
    }

    private DicomFragmentSequence ParseFragments(ref int pos, int end, DicomTag tag)
    {
        ReadOnlyMemory<byte>? offsetTable = null;
        var fragments = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            if (pos >= _length && (_complete || pos >= _fileLength))
            {
                throw Error(pos, tag, $"encapsulated pixel data {tag} has no sequence delimiter before the end of the file");
            }

            Require(pos, 8, end, tag, "fragment header");
            var itemTag = ReadTag(pos);
            var length = ReadUInt32(pos + 4);
            if (itemTag == SequenceDelimitationTag)
            {
                pos += 8;
                return new DicomFragmentSequence(offsetTable ?? ReadOnlyMemory<byte>.Empty, fragments);
            }

            if (itemTag != ItemTag)
            {
                throw Error(pos, tag, $"expected a fragment item (FFFE,E000) in encapsulated pixel data, found {DicomTag.FromValue(itemTag)}");
            }

            if (length == UndefinedLength)
            {
                throw Error(pos, tag, "a pixel data fragment has undefined length");
            }

            pos += 8;
            long limit = end >= 0 ? end : (_inflated ? _length : _fileLength);
            if (pos + (long)length > limit)
            {
                throw Error(pos - 8, tag, $"fragment of {tag} declares {length} bytes but only {Math.Max(0, limit - pos)} remain");
            }

            if (pos + (long)length > _length)
            {
                throw new NeedMoreDataException();
            }

            var value = _buffer.AsMemory(pos, (int)length);
            if (offsetTable is null)
            {
                offsetTable = value;
            }
            else
            {
                fragments.Add(value);
            }

            pos += (int)length;
        }
    }

    internal static void Swap(Span<byte> value, DicomVR vr)
    {
        var unit = vr == DicomVR.AT ? 2 : vr.UnitSize;
        if (unit <= 1 || vr.IsString)
        {
            return;
        }

        for (var i = 0; i + unit <= value.Length; i += unit)
        {
            value.Slice(i, unit).Reverse();
        }
    }

    private DicomFileException Error(long offset, DicomTag? tag, string detail, Exception? inner = null) =>
        new(_path, offset, tag, _inflated ? "in the inflated dataset: " + detail : detail, inner);
}
