using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Seldinger.Dicom.Internal;

/// <summary>
/// Encodes datasets. Values are padded to even length with the VR's padding byte; sequences and
/// items keep the length form they were read with (new ones use undefined length with delimiters),
/// so a well-formed file read and written in the same syntax comes out byte-identical.
/// </summary>
internal sealed class DicomWriter
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    private readonly Stream _stream;
    private readonly bool _explicitVR;
    private readonly bool _bigEndian;

    private DicomWriter(Stream stream, bool explicitVR, bool bigEndian)
    {
        _stream = stream;
        _explicitVR = explicitVR;
        _bigEndian = bigEndian;
    }

    public static void WriteFile(Stream stream, DicomFile file)
    {
        var output = new BufferedStream(stream, 1 << 16);
        Span<byte> preamble = stackalloc byte[132];
        preamble.Clear();
        if (file.Preamble.Length == 128)
        {
            file.Preamble.Span.CopyTo(preamble);
        }

        "DICM"u8.CopyTo(preamble[128..]);
        output.Write(preamble);

        var meta = new DicomWriter(output, true, false);
        var metaLength = 0L;
        foreach (var element in file.FileMetaInfo)
        {
            if (element.Tag != DicomTags.FileMetaInformationGroupLength)
            {
                metaLength += meta.ElementLength(element);
            }
        }

        if (metaLength > uint.MaxValue)
        {
            throw new DicomDataException("the File Meta Information is too large");
        }

        Span<byte> groupLength = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)metaLength);
        meta.WriteElement(new DicomElement(DicomTags.FileMetaInformationGroupLength, DicomVR.UL, groupLength.ToArray()));
        foreach (var element in file.FileMetaInfo)
        {
            if (element.Tag != DicomTags.FileMetaInformationGroupLength)
            {
                meta.WriteElement(element);
            }
        }

        foreach (var element in file.Dataset)
        {
            if (element.Tag.Group == 0x0002)
            {
                // Written after the File Meta, a reader would take it as part of the meta.
                throw new DicomDataException(element.Tag, "group 0002 belongs in the File Meta Information, not in the dataset");
            }

            if (element.Tag.Group > 0x0002)
            {
                break;
            }
        }

        var syntax = file.TransferSyntax;
        if (syntax.IsDeflated)
        {
            output.Flush();
            using (var deflate = new DeflateStream(stream, CompressionLevel.Optimal, leaveOpen: true))
            {
                var buffered = new BufferedStream(deflate, 1 << 16);
                new DicomWriter(buffered, true, false).WriteDataset(file.Dataset, file.DeferredPixelData);
                buffered.Flush();
            }

            // Deflate output may be odd; PS3.5 A.5 pads the file to even length.
            if ((stream.CanSeek ? stream.Length : 0) % 2 == 1)
            {
                stream.WriteByte(0);
            }

            return;
        }

        new DicomWriter(output, syntax.IsExplicitVR, syntax.IsBigEndian).WriteDataset(file.Dataset, file.DeferredPixelData);
        output.Flush();
    }

    public static void WriteDataset(Stream stream, DicomDataset dataset, TransferSyntax syntax)
    {
        var output = new BufferedStream(stream, 1 << 16);
        new DicomWriter(output, syntax.IsExplicitVR, syntax.IsBigEndian).WriteDataset(dataset);
        output.Flush();
    }

    private void WriteDataset(DicomDataset dataset)
    {
        foreach (var element in dataset)
        {
            WriteElement(element);
        }
    }

    // Writes a top-level dataset; pixel data left in the source file is copied from it in place.
    private void WriteDataset(DicomDataset dataset, Pixels.DeferredPixelData? deferred)
    {
        if (deferred is null || dataset.Contains(deferred.Tag))
        {
            WriteDataset(dataset);
            return;
        }

        var pending = true;
        foreach (var element in dataset)
        {
            if (pending && element.Tag.CompareTo(deferred.Tag) > 0)
            {
                WriteDeferred(deferred);
                pending = false;
            }

            WriteElement(element);
        }

        if (pending)
        {
            WriteDeferred(deferred);
        }
    }

    private void WriteDeferred(Pixels.DeferredPixelData deferred)
    {
        var encapsulated = deferred.IsEncapsulated;
        if (!encapsulated && deferred.ValueLength >= UndefinedLength)
        {
            throw new DicomDataException(deferred.Tag, $"value of {deferred.ValueLength} bytes exceeds the 4 GiB limit of an element");
        }

        Span<byte> header = stackalloc byte[12];
        WriteTag(header, deferred.Tag);
        var length = encapsulated ? UndefinedLength : (uint)deferred.ValueLength;
        if (_explicitVR)
        {
            header[4] = (byte)deferred.VR.Code[0];
            header[5] = (byte)deferred.VR.Code[1];
            header[6] = 0;
            header[7] = 0;
            WriteUInt32(header[8..], length);
            _stream.Write(header);
        }
        else
        {
            WriteUInt32(header[4..], length);
            _stream.Write(header[..8]);
        }

        if (!encapsulated)
        {
            Copy(deferred, deferred.ValueOffset, deferred.ValueLength);
            return;
        }

        WriteFragment(deferred.OffsetTable.Span);
        for (var i = 0; i < deferred.FragmentOffsets.Count; i++)
        {
            WriteItemHeader(0xFFFEE000, (uint)deferred.FragmentLengths[i]);
            Copy(deferred, deferred.FragmentOffsets[i], deferred.FragmentLengths[i]);
        }

        WriteItemHeader(0xFFFEE0DD, 0);
    }

    private void Copy(Pixels.DeferredPixelData deferred, long offset, long count)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            while (count > 0)
            {
                var n = (int)Math.Min(count, buffer.Length);
                deferred.Read(offset, buffer.AsSpan(0, n));
                _stream.Write(buffer, 0, n);
                offset += n;
                count -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Padded(int length) => length + (length & 1);

    private long HeaderLength(DicomVR vr) => _explicitVR && vr.HasLongExplicitLength ? 12 : 8;

    private long ElementLength(DicomElement element) => HeaderLength(element.VR) + ValueLength(element, true);

    /// <summary>The encoded value length, including delimiters when <paramref name="withDelimiters"/> is set.</summary>
    private long ValueLength(DicomElement element, bool withDelimiters)
    {
        if (element.Sequence is { } sequence)
        {
            long length = 0;
            foreach (var item in sequence)
            {
                length += 8 + DatasetLength(item) + (item.HasUndefinedItemLength ? 8 : 0);
            }

            return length + (sequence.HasUndefinedLength && withDelimiters ? 8 : 0);
        }

        if (element.Fragments is { } fragments)
        {
            long length = 8 + Padded(fragments.OffsetTable.Length) + 8;
            foreach (var fragment in fragments.Fragments)
            {
                length += 8 + Padded(fragment.Length);
            }

            return length;
        }

        return Padded(element.Length);
    }

    private long DatasetLength(DicomDataset dataset)
    {
        long length = 0;
        foreach (var element in dataset)
        {
            length += ElementLength(element);
        }

        return length;
    }

    private void WriteElement(DicomElement element)
    {
        var vr = element.VR;
        var tag = element.Tag;
        uint length;
        if (element.Sequence is { HasUndefinedLength: true } || element.Fragments is not null)
        {
            length = UndefinedLength;
        }
        else
        {
            var valueLength = ValueLength(element, false);
            if (valueLength >= UndefinedLength)
            {
                throw new DicomDataException(tag, $"value of {valueLength} bytes exceeds the 4 GiB limit of an element");
            }

            length = (uint)valueLength;
            if (_explicitVR && !vr.HasLongExplicitLength && length > 0xFFFF)
            {
                throw new DicomDataException(tag, $"value of {length} bytes is too long for VR {vr.Code}, whose explicit VR length field is 16-bit (at most 65534 bytes)");
            }
        }

        if (!_explicitVR && element.Sequence is null && vr != DicomVR.UN && DicomDictionary.Lookup(tag) is { VR: var dictionaryVR } && dictionaryVR == DicomVR.SQ)
        {
            // An implicit VR reader takes the dictionary's SQ and would parse these bytes as items.
            throw new DicomDataException(tag, $"holds a {vr.Code} value where the dictionary says SQ; it cannot be written in implicit VR");
        }

        Span<byte> header = stackalloc byte[12];
        WriteTag(header, tag);
        if (_explicitVR)
        {
            header[4] = (byte)vr.Code[0];
            header[5] = (byte)vr.Code[1];
            if (vr.HasLongExplicitLength)
            {
                header[6] = 0;
                header[7] = 0;
                WriteUInt32(header[8..], length);
                _stream.Write(header);
            }
            else
            {
                WriteUInt16(header[6..], (ushort)length);
                _stream.Write(header[..8]);
            }
        }
        else
        {
            WriteUInt32(header[4..], length);
            _stream.Write(header[..8]);
        }

        if (element.Sequence is { } sequence)
        {
            foreach (var item in sequence)
            {
                var itemLength = item.HasUndefinedItemLength ? UndefinedLength : (uint)DatasetLength(item);
                WriteItemHeader(0xFFFEE000, itemLength);
                WriteDataset(item);
                if (item.HasUndefinedItemLength)
                {
                    WriteItemHeader(0xFFFEE00D, 0);
                }
            }

            if (sequence.HasUndefinedLength)
            {
                WriteItemHeader(0xFFFEE0DD, 0);
            }
        }
        else if (element.Fragments is { } fragments)
        {
            WriteFragment(fragments.OffsetTable.Span);
            foreach (var fragment in fragments.Fragments)
            {
                WriteFragment(fragment.Span);
            }

            WriteItemHeader(0xFFFEE0DD, 0);
        }
        else
        {
            WriteValue(element.Value.Span, vr);
        }
    }

    private void WriteFragment(ReadOnlySpan<byte> fragment)
    {
        WriteItemHeader(0xFFFEE000, (uint)Padded(fragment.Length));
        _stream.Write(fragment);
        if ((fragment.Length & 1) == 1)
        {
            _stream.WriteByte(0);
        }
    }

    private void WriteValue(ReadOnlySpan<byte> value, DicomVR vr)
    {
        if (_bigEndian && !vr.IsString && (vr.UnitSize > 1 || vr == DicomVR.AT))
        {
            var rented = ArrayPool<byte>.Shared.Rent(value.Length);
            try
            {
                var copy = rented.AsSpan(0, value.Length);
                value.CopyTo(copy);
                DicomReader.Swap(copy, vr);
                _stream.Write(copy);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        else
        {
            _stream.Write(value);
        }

        if ((value.Length & 1) == 1)
        {
            _stream.WriteByte(vr.PaddingByte);
        }
    }

    private void WriteItemHeader(uint tag, uint length)
    {
        Span<byte> header = stackalloc byte[8];
        WriteTag(header, DicomTag.FromValue(tag));
        WriteUInt32(header[4..], length);
        _stream.Write(header);
    }

    private void WriteTag(Span<byte> span, DicomTag tag)
    {
        WriteUInt16(span, tag.Group);
        WriteUInt16(span[2..], tag.Element);
    }

    private void WriteUInt16(Span<byte> span, ushort value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }
    }

    private void WriteUInt32(Span<byte> span, uint value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
    }
}
