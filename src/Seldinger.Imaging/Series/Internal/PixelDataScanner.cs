using System.Buffers.Binary;
using Seldinger.Dicom;

namespace Seldinger.Imaging.Series.Internal;

/// <summary>Outcome of <see cref="PixelDataScanner.Scan"/>.</summary>
internal enum ScanOutcome
{
    /// <summary>The top-level native Pixel Data element was found.</summary>
    Found,

    /// <summary>The header goes on past the bytes given; read more and scan again.</summary>
    NeedMoreData,

    /// <summary>Not a layout the fast path reads (no Part 10 prefix, big endian, deflate, encapsulated, no pixel data, corrupt): use the full parser.</summary>
    Unsupported,
}

/// <summary>Where the native pixel bytes of a Part 10 file lie.</summary>
/// <param name="ElementOffset">Offset of the Pixel Data element's tag: the header is every byte before it.</param>
/// <param name="ValueOffset">Offset of the first pixel byte.</param>
/// <param name="ValueLength">Declared length of the pixel bytes.</param>
internal readonly record struct PixelDataLocation(int ElementOffset, long ValueOffset, long ValueLength);

/// <summary>
/// Walks the top-level elements of a Part 10 file in Explicit or Implicit VR Little Endian, reading
/// only tags and lengths, to find the native Pixel Data (7FE0,0010) without parsing any value. This
/// lets a series read parse just the header bytes and read the pixels straight into the volume. Any
/// other layout answers <see cref="ScanOutcome.Unsupported"/> and the caller uses the full parser,
/// which reports errors with file offsets.
/// </summary>
internal static class PixelDataScanner
{
    private const uint PixelDataTag = 0x7FE00010;
    private const uint ItemTag = 0xFFFEE000;
    private const uint ItemDelimitationTag = 0xFFFEE00D;
    private const uint SequenceDelimitationTag = 0xFFFEE0DD;
    private const uint UndefinedLength = 0xFFFFFFFF;
    private const int MaxDepth = 64;

    public static ScanOutcome Scan(ReadOnlySpan<byte> head, long fileLength, out PixelDataLocation location)
    {
        location = default;
        var walker = new Walker(head, fileLength);
        try
        {
            return walker.Run(out location);
        }
        catch (NeedMoreException)
        {
            return head.Length < fileLength ? ScanOutcome.NeedMoreData : ScanOutcome.Unsupported;
        }
        catch (UnsupportedException)
        {
            return ScanOutcome.Unsupported;
        }
    }

    private sealed class NeedMoreException : Exception
    {
    }

    private sealed class UnsupportedException : Exception
    {
    }

    private ref struct Walker
    {
        private readonly ReadOnlySpan<byte> _head;
        private readonly long _fileLength;
        private long _pos;

        public Walker(ReadOnlySpan<byte> head, long fileLength)
        {
            _head = head;
            _fileLength = fileLength;
        }

        public ScanOutcome Run(out PixelDataLocation location)
        {
            location = default;
            if (_fileLength < 132)
            {
                return ScanOutcome.Unsupported;
            }

            Need(132);
            if (!_head.Slice(128, 4).SequenceEqual("DICM"u8))
            {
                return ScanOutcome.Unsupported;
            }

            _pos = 132;
            var explicitVR = ReadMeta();
            while (true)
            {
                Need(8);
                var tag = Tag();
                if (tag >= 0x7FE00008)
                {
                    if (tag != PixelDataTag)
                    {
                        return ScanOutcome.Unsupported;
                    }

                    var elementOffset = _pos;
                    var (length, header) = Header(explicitVR, out _);
                    if (length == UndefinedLength || elementOffset + header + length > _fileLength)
                    {
                        return ScanOutcome.Unsupported;
                    }

                    location = new PixelDataLocation((int)elementOffset, elementOffset + header, length);
                    return ScanOutcome.Found;
                }

                SkipElement(explicitVR, 0);
                if (_pos >= _fileLength)
                {
                    return ScanOutcome.Unsupported;
                }
            }
        }

        /// <summary>Walks group 0002 (always explicit VR little endian); true when the dataset is explicit VR.</summary>
        private bool ReadMeta()
        {
            string? syntax = null;
            while (true)
            {
                Need(8);
                if (BinaryPrimitives.ReadUInt16LittleEndian(_head[(int)_pos..]) != 0x0002)
                {
                    break;
                }

                var tag = Tag();
                var (length, header) = Header(true, out _);
                if (length == UndefinedLength)
                {
                    throw new UnsupportedException();
                }

                if (tag == 0x00020010)
                {
                    Need(header + length);
                    syntax = System.Text.Encoding.ASCII.GetString(_head.Slice((int)(_pos + header), (int)length)).TrimEnd('\0', ' ');
                }

                _pos += header + length;
            }

            return syntax switch
            {
                DicomUids.ExplicitVRLittleEndian => true,
                DicomUids.ImplicitVRLittleEndian => false,
                _ => throw new UnsupportedException(),
            };
        }

        private void SkipElement(bool explicitVR, int depth)
        {
            var (length, header) = Header(explicitVR, out var vr);
            _pos += header;
            if (length != UndefinedLength)
            {
                _pos += length;
                return;
            }

            if (depth >= MaxDepth)
            {
                throw new UnsupportedException();
            }

            if (explicitVR && vr != DicomVR.SQ && vr != DicomVR.UN)
            {
                throw new UnsupportedException();
            }

            // PS3.5 6.2.2: an undefined-length UN holds implicit VR little endian items.
            SkipItems(explicitVR && vr == DicomVR.SQ, depth + 1);
        }

        private void SkipItems(bool explicitVR, int depth)
        {
            while (true)
            {
                Need(8);
                var tag = Tag();
                var length = BinaryPrimitives.ReadUInt32LittleEndian(_head[(int)(_pos + 4)..]);
                _pos += 8;
                if (tag == SequenceDelimitationTag)
                {
                    return;
                }

                if (tag != ItemTag)
                {
                    throw new UnsupportedException();
                }

                if (length != UndefinedLength)
                {
                    _pos += length;
                    continue;
                }

                while (true)
                {
                    Need(8);
                    if (Tag() == ItemDelimitationTag)
                    {
                        _pos += 8;
                        break;
                    }

                    SkipElement(explicitVR, depth);
                }
            }
        }

        private readonly uint Tag()
        {
            var span = _head[(int)_pos..];
            return ((uint)BinaryPrimitives.ReadUInt16LittleEndian(span) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
        }

        private readonly (uint Length, int Header) Header(bool explicitVR, out DicomVR? vr)
        {
            vr = null;
            Need(8);
            var span = _head[(int)_pos..];
            if (!explicitVR)
            {
                return (BinaryPrimitives.ReadUInt32LittleEndian(span[4..]), 8);
            }

            if (!DicomVR.TryParse(span[4], span[5], out vr))
            {
                throw new UnsupportedException();
            }

            if (vr.HasLongExplicitLength)
            {
                Need(12);
                return (BinaryPrimitives.ReadUInt32LittleEndian(span[8..]), 12);
            }

            return (BinaryPrimitives.ReadUInt16LittleEndian(span[6..]), 8);
        }

        private readonly void Need(long count)
        {
            if (_pos + count > _fileLength)
            {
                throw new UnsupportedException();
            }

            if (_pos + count > _head.Length)
            {
                throw new NeedMoreException();
            }
        }
    }
}
