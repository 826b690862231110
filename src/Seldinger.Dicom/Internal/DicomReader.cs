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
    private readonly List<string> _warnings = [];
    private bool _bigEndian;
    private bool _inflated;

    // True while reading the dataset with AllowTruncated: the end of the file ends the parse instead of failing it.
    private bool _salvage;

    // Set once a truncation was accepted: every level returns what it has read so far.
    private bool _stopped;

    // Set once a sequence or item was cut at the end of the file (AllowTruncated): an item that runs past that
    // bound is truncated too, not longer than its sequence.
    private bool _clipped;

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
        file.Warnings = reader._warnings.Count == 0 ? [] : [.. reader._warnings];
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
            ParseDataset(meta, ref pos, -1, 0, metaExplicit, true, null, -1);
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

        var explicitVR = DatasetEncoding(syntax, pos);
        _salvage = _options.AllowTruncated;
        ParseDataset(dataset, ref pos, -1, 0, explicitVR, false, null, -1);
        return new DicomFile(meta, dataset, syntax, format, preamble, _path);
    }

    // Some writers label an Implicit VR dataset with an explicit VR transfer syntax (or the reverse).
    // The first element tells: explicit VR has a valid VR code in bytes 4-5 of its header, implicit VR
    // has the low bytes of a 32-bit length there, which spell a VR only for a first element of 16 KiB or
    // more. The dataset is read as encoded, the transfer syntax kept (it still says how pixel data is
    // compressed) and the mismatch recorded as a warning. Little endian only: big endian is always explicit.
    private bool DatasetEncoding(TransferSyntax syntax, int pos)
    {
        if (_bigEndian)
        {
            return syntax.IsExplicitVR;
        }

        if (!Available(pos, 6))
        {
            if (!_complete && pos + 6 <= (_inflated ? _length : _fileLength))
            {
                throw new NeedMoreDataException();
            }

            return syntax.IsExplicitVR;
        }

        var explicitVR = IsVR(pos + 4);
        if (explicitVR != syntax.IsExplicitVR)
        {
            var tag = DicomTag.FromValue(ReadTag(pos));
            _warnings.Add(Error(pos, tag, $"the transfer syntax {syntax.Name} says {(syntax.IsExplicitVR ? "explicit" : "implicit")} VR but the dataset is encoded in {(explicitVR ? "explicit" : "implicit")} VR; read as encoded").Message);
        }

        return explicitVR;
    }

    private TransferSyntax MetaSyntax(DicomDataset meta, int datasetStart)
    {
        var element = meta.Find(DicomTags.TransferSyntaxUID);
        if (element is null || element.IsEmpty)
        {
            // No transfer syntax in the meta: decide from the first dataset element, as for raw datasets.
            if (!Available(datasetStart, 6))
            {
                // Too short to tell (the whole file is here): explicit, and the dataset fails at its first element.
                return _complete || datasetStart + 6 > _fileLength ? TransferSyntax.ExplicitVRLittleEndian : throw new NeedMoreDataException();
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

    /// <summary>
    /// Ensures <paramref name="count"/> bytes at <paramref name="pos"/> lie before <paramref name="end"/> (or the end of file).
    /// Returns false when they run past the end of the file and the truncation was accepted (<see cref="DicomReadOptions.AllowTruncated"/>).
    /// </summary>
    private bool Require(int pos, long count, int end, DicomTag? tag, string what)
    {
        long limit = end >= 0 ? end : FileLimit;
        if (pos + count > limit)
        {
            var remaining = Math.Max(0, limit - pos);
            var where = end >= 0 && !(_clipped && limit == FileLimit) ? " in the enclosing item or sequence" : string.Empty;
            var detail = $"{what} needs {count} bytes but only {remaining} remain{where}";
            if (limit < FileLimit || !AcceptTruncation(pos, tag, detail))
            {
                throw Error(pos, tag, detail);
            }

            return false;
        }

        if (pos + count > _length)
        {
            throw new NeedMoreDataException();
        }

        return true;
    }

    private long FileLimit => _inflated ? _length : _fileLength;

    /// <summary>
    /// The data runs past the end of the file. With <see cref="DicomReadOptions.AllowTruncated"/> the parse stops
    /// here (every level keeps what it has read) and a warning is recorded; otherwise the caller throws.
    /// </summary>
    private bool AcceptTruncation(long offset, DicomTag? tag, string detail)
    {
        if (!_salvage)
        {
            return false;
        }

        if (!_stopped)
        {
            _warnings.Add(Error(offset, tag, "truncated file: " + detail + "; the elements read before it are kept").Message);
            _stopped = true;
        }

        return true;
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
    /// <paramref name="pixelRepresentation"/> is the Pixel Representation (0028,0103) of the enclosing datasets (-1: none),
    /// which types "US or SS" elements in implicit VR.
    /// </summary>
    private void ParseDataset(DicomDataset dataset, ref int pos, int end, int depth, bool explicitVR, bool metaOnly, DicomTag? parent, int pixelRepresentation)
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
                var detail = $"item in sequence {parent?.ToDisplayString()} has no item delimiter before the end of the file";
                if (AcceptTruncation(pos, parent, detail))
                {
                    return;
                }

                throw Error(pos, parent, detail);
            }

            if (!Require(pos, 4, end, parent, "element tag"))
            {
                return;
            }

            var tagValue = ReadTag(pos);
            var tag = DicomTag.FromValue(tagValue);
            if (metaOnly && tag.Group != 0x0002)
            {
                return;
            }

            if (tagValue == ItemDelimitationTag && end < 0 && !topLevel)
            {
                if (!Require(pos, 8, end, tag, "item delimiter"))
                {
                    return;
                }

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
            if (!Require(pos, 8, end, tag, $"element {tag} header"))
            {
                return;
            }

            if (explicitVR)
            {
                if (!DicomVR.TryParse(_buffer[pos + 4], _buffer[pos + 5], out var parsed))
                {
                    throw Error(pos + 4, tag, $"element {tag} has invalid VR bytes 0x{_buffer[pos + 4]:X2} 0x{_buffer[pos + 5]:X2}");
                }

                vr = parsed;
                if (vr.HasLongExplicitLength)
                {
                    if (!Require(pos, 12, end, tag, $"element {tag} header"))
                    {
                        return;
                    }

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
                length = ReadUInt32(pos + 4);
                header = 8;
                vr = tagValue == 0x7FE00010 ? DicomVR.OW : ImplicitVR(tag, dataset, pixelRepresentation);
            }

            if (topLevel && !metaOnly && _options.DeferPixelData && !_inflated && tagValue == 0x7FE00010)
            {
                PendingPixelData = new PixelDataHeader(tag, vr, pos + header, length);
                return;
            }

            pos += header;
            DicomElement? element;
            if (length == UndefinedLength)
            {
                if (depth >= MaxDepth)
                {
                    throw Error(elementStart, tag, $"sequences nested deeper than {MaxDepth} levels");
                }

                if (tagValue == 0x7FE00010 && vr != DicomVR.SQ)
                {
                    var fragments = ParseFragments(ref pos, end, tag);
                    element = fragments is null ? null : new DicomElement(tag, fragments);
                }
                else if (vr == DicomVR.SQ || vr == DicomVR.UN || !explicitVR)
                {
                    // PS3.5 6.2.2: an undefined-length UN is a sequence encoded in implicit VR little endian.
                    var implicitUN = explicitVR && vr != DicomVR.SQ;
                    var wasBigEndian = _bigEndian;
                    _bigEndian &= !implicitUN;
                    try
                    {
                        element = new DicomElement(tag, ParseItems(ref pos, -1, depth, explicitVR && !implicitUN, tag, dataset.CharacterSet, PixelRepresentation(dataset, pixelRepresentation)));
                    }
                    finally
                    {
                        _bigEndian = wasBigEndian;
                    }
                }
                else
                {
                    throw Error(elementStart, tag, $"element {tag.ToDisplayString()} with VR {vr.Code} has undefined length");
                }
            }
            else
            {
                long limit = end >= 0 ? end : FileLimit;
                var valueEnd = pos + (long)length;
                string? truncated = null;
                if (valueEnd > limit)
                {
                    var where = end >= 0 && !(_clipped && limit == FileLimit) ? " in the enclosing item or sequence" : string.Empty;
                    truncated = $"element {tag} declares {length} bytes but only {Math.Max(0, limit - pos)} remain{where}";
                    if (limit < FileLimit || !_salvage)
                    {
                        throw Error(elementStart, tag, truncated);
                    }

                    if (vr != DicomVR.SQ)
                    {
                        // A partial value is not a value: the element is left out.
                        AcceptTruncation(elementStart, tag, truncated);
                        return;
                    }

                    // A truncated sequence keeps the items (and elements) read up to the end of the file; the
                    // warning names the innermost element cut, or this sequence when the cut falls between items.
                    valueEnd = limit;
                    _clipped = true;
                }

                if (valueEnd > _length)
                {
                    throw new NeedMoreDataException();
                }

                if (vr == DicomVR.SQ || (vr == DicomVR.UN && explicitVR && DicomDictionary.DefaultVR(tag) == DicomVR.SQ))
                {
                    if (depth >= MaxDepth)
                    {
                        throw Error(elementStart, tag, $"sequences nested deeper than {MaxDepth} levels");
                    }

                    element = vr == DicomVR.SQ
                        ? new DicomElement(tag, ParseItems(ref pos, (int)valueEnd, depth, explicitVR, tag, dataset.CharacterSet, PixelRepresentation(dataset, pixelRepresentation)))
                        : ParseUNSequence(elementStart, pos, (int)valueEnd, depth, tag, dataset, pixelRepresentation);
                }
                else
                {
                    if (_bigEndian)
                    {
                        Swap(_buffer.AsSpan(pos, (int)length), vr);
                    }

                    element = new DicomElement(tag, vr, _buffer.AsMemory(pos, (int)length));
                }

                pos = (int)valueEnd;
                if (truncated is not null)
                {
                    AcceptTruncation(elementStart, tag, truncated);
                }
            }

            if (element is not null)
            {
                dataset.AddRead(element);
            }

            if (_stopped)
            {
                return;
            }
        }
    }

    // PS3.5 6.2.2 (notes): a UN element whose dictionary VR is SQ holds a sequence in implicit VR little
    // endian, whatever the transfer syntax (a file converted by a tool that did not know the tag). It is
    // parsed as such within its length; if that fails, the bytes are kept as UN and a warning recorded.
    private DicomElement ParseUNSequence(int elementStart, int pos, int valueEnd, int depth, DicomTag tag, DicomDataset dataset, int pixelRepresentation)
    {
        var wasBigEndian = _bigEndian;
        var warnings = _warnings.Count;
        var wasSalvage = _salvage;
        _bigEndian = false;
        _salvage = false;
        try
        {
            var at = pos;
            return new DicomElement(tag, ParseItems(ref at, valueEnd, depth, false, tag, dataset.CharacterSet, PixelRepresentation(dataset, pixelRepresentation)));
        }
        catch (DicomFileException e)
        {
            _warnings.RemoveRange(warnings, _warnings.Count - warnings);
            _warnings.Add(Error(elementStart, tag, $"UN element {tag} is a sequence in the dictionary but its value is not an implicit VR sequence ({e.Detail}); kept as UN").Message);
            return new DicomElement(tag, DicomVR.UN, _buffer.AsMemory(pos, valueEnd - pos));
        }
        finally
        {
            _bigEndian = wasBigEndian;
            _salvage = wasSalvage;
        }
    }

    // The VR of an element in implicit VR: the dictionary's, with its choices resolved as PS3.3 defines them
    // (and as pydicom and DCMTK do): "US or SS" by Pixel Representation (0028,0103) of this dataset or the
    // nearest enclosing one (1 = signed), LUT Data (0028,3006) "US or OW" as US only for a one-entry LUT
    // (first value of LUT Descriptor (0028,3002) is 1). "OB or OW" is OW in the dictionary already.
    private static DicomVR ImplicitVR(DicomTag tag, DicomDataset dataset, int inheritedPixelRepresentation)
    {
        var entry = DicomDictionary.Lookup(tag);
        if (entry?.VR is not { } vr)
        {
            return DicomVR.UN;
        }

        if (vr == DicomVR.US && entry.AlternateVR == DicomVR.SS)
        {
            return PixelRepresentation(dataset, inheritedPixelRepresentation) > 0 ? DicomVR.SS : DicomVR.US;
        }

        if (tag.Value == 0x00283006 && entry.AlternateVR == DicomVR.US)
        {
            var descriptor = dataset.Find(DicomTags.LUTDescriptor);
            return descriptor is not null && descriptor.Value.Length >= 2 && BinaryPrimitives.ReadUInt16LittleEndian(descriptor.Value.Span) == 1 ? DicomVR.US : vr;
        }

        return vr;
    }

    // Pixel Representation of the dataset, or the one inherited from enclosing datasets; -1 when there is none.
    private static int PixelRepresentation(DicomDataset dataset, int inherited)
    {
        var element = dataset.Find(DicomTags.PixelRepresentation);
        return element is not null && element.Value.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(element.Value.Span) : inherited;
    }

    private DicomSequence ParseItems(ref int pos, int end, int depth, bool explicitVR, DicomTag sequenceTag, string? characterSet, int pixelRepresentation)
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
                var detail = $"sequence {sequenceTag.ToDisplayString()} has no sequence delimiter before the end of the file";
                if (AcceptTruncation(pos, sequenceTag, detail))
                {
                    return new DicomSequence(items, true);
                }

                throw Error(pos, sequenceTag, detail);
            }

            if (!Require(pos, 8, end, sequenceTag, $"item header in sequence {sequenceTag}"))
            {
                return new DicomSequence(items, end < 0);
            }

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
                ParseDataset(item, ref pos, -1, depth + 1, explicitVR, false, sequenceTag, pixelRepresentation);
                item.HasUndefinedItemLength = true;
            }
            else
            {
                long limit = end >= 0 ? end : FileLimit;
                var itemEnd = pos + (long)length;
                string? truncated = null;
                if (itemEnd > limit)
                {
                    var detail = $"item in sequence {sequenceTag} declares {length} bytes but only {Math.Max(0, limit - pos)} remain";
                    if (end >= 0 && !(_clipped && limit == FileLimit))
                    {
                        // The last item of a defined-length sequence runs past the sequence's end (a writer
                        // that shortened the item without fixing its length; pydicom and DCMTK read on). The
                        // sequence length is kept as the bound: the item is read up to it, and every element
                        // in it must still end there exactly.
                        _warnings.Add(Error(pos - 8, sequenceTag, detail + " in the sequence; item read up to the end of the sequence").Message);
                    }
                    else if (_salvage)
                    {
                        truncated = detail;
                        _clipped = true;
                    }
                    else
                    {
                        throw Error(pos - 8, sequenceTag, detail);
                    }

                    itemEnd = limit;
                }

                if (itemEnd > _length)
                {
                    throw new NeedMoreDataException();
                }

                var itemStart = pos - 8;
                ParseDataset(item, ref pos, (int)itemEnd, depth + 1, explicitVR, false, sequenceTag, pixelRepresentation);
                item.HasUndefinedItemLength = false;
                if (truncated is not null)
                {
                    AcceptTruncation(itemStart, sequenceTag, truncated);
                }
            }

            items.Add(item);
            if (_stopped)
            {
                return new DicomSequence(items, end < 0);
            }
        }
    }

    // Null when the file ends inside the fragments and the truncation was accepted: a partial frame is left out.
    private DicomFragmentSequence? ParseFragments(ref int pos, int end, DicomTag tag)
    {
        ReadOnlyMemory<byte>? offsetTable = null;
        var fragments = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            if (pos >= _length && (_complete || pos >= _fileLength))
            {
                var detail = $"encapsulated pixel data {tag} has no sequence delimiter before the end of the file";
                if (AcceptTruncation(pos, tag, detail))
                {
                    return null;
                }

                throw Error(pos, tag, detail);
            }

            if (!Require(pos, 8, end, tag, "fragment header"))
            {
                return null;
            }

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
            long limit = end >= 0 ? end : FileLimit;
            if (pos + (long)length > limit)
            {
                var detail = $"fragment of {tag} declares {length} bytes but only {Math.Max(0, limit - pos)} remain";
                if (limit == FileLimit && AcceptTruncation(pos - 8, tag, detail))
                {
                    return null;
                }

                throw Error(pos - 8, tag, detail);
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
