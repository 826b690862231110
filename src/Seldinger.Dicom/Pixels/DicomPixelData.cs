using System.Buffers.Binary;
using Seldinger.Dicom.Codecs;
using Seldinger.Dicom.Pixels.Internal;

namespace Seldinger.Dicom.Pixels;

/// <summary>
/// The Image Pixel module of a dataset (PS3.3 C.7.6.3) and access to its frames: native data of 1, 8,
/// 16 or 32 bits, signed or unsigned, planar configuration 0 or 1, MONOCHROME1/2, RGB, PALETTE COLOR,
/// YBR_FULL and YBR_FULL_422, single- and multi-frame, and encapsulated data through
/// <see cref="PixelCodecs"/>. Frames are located by offset and decoded one at a time; nothing copies
/// the whole pixel data. Files read with <see cref="DicomReadOptions.DeferPixelData"/> are read from
/// disk one frame at a time.
/// </summary>
public sealed class DicomPixelData
{
    private readonly DicomDataset _dataset;
    private readonly DeferredPixelData? _deferred;
    private readonly DicomElement? _element;
    private int[][]? _frameFragments;

    /// <summary>Reads the Image Pixel module of <paramref name="dataset"/>, whose pixel data is in <paramref name="syntax"/>.</summary>
    /// <exception cref="DicomDataException">A required attribute is missing or inconsistent, or there is no pixel data.</exception>
    public DicomPixelData(DicomDataset dataset, TransferSyntax syntax)
        : this(dataset, syntax, null)
    {
    }

    private DicomPixelData(DicomDataset dataset, TransferSyntax syntax, DeferredPixelData? deferred)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(syntax);
        _dataset = dataset;
        _deferred = deferred;
        TransferSyntax = syntax;
        if (deferred is null)
        {
            _element = dataset.Find(DicomTags.PixelData) ?? throw new DicomDataException(DicomTags.PixelData, "the dataset has no pixel data");
        }

        Rows = Required(DicomTags.Rows);
        Columns = Required(DicomTags.Columns);
        BitsAllocated = Required(DicomTags.BitsAllocated);
        SamplesPerPixel = Optional(DicomTags.SamplesPerPixel, 1);
        BitsStored = Optional(DicomTags.BitsStored, BitsAllocated);
        HighBit = Optional(DicomTags.HighBit, BitsStored - 1);
        PixelRepresentation = Optional(DicomTags.PixelRepresentation, 0);
        PlanarConfiguration = SamplesPerPixel > 1 ? Optional(DicomTags.PlanarConfiguration, 0) : 0;
        PhotometricInterpretation = dataset.TryGetString(DicomTags.PhotometricInterpretation, out var pi) && pi.Length > 0
            ? pi.Trim()
            : SamplesPerPixel == 3 ? "RGB" : "MONOCHROME2";
        NumberOfFrames = Math.Max(1, Optional(DicomTags.NumberOfFrames, 1));
        RescaleSlope = Number(DicomTags.RescaleSlope) ?? 1.0;
        RescaleIntercept = Number(DicomTags.RescaleIntercept) ?? 0.0;
        RescaleType = dataset.TryGetString(DicomTags.RescaleType, out var rt) && rt.Length > 0 ? rt : null;
        Windows = ReadWindows();
        ModalityLut = ReadLutSequence(DicomTags.ModalityLUTSequence).FirstOrDefault();
        VoiLuts = ReadLutSequence(DicomTags.VOILUTSequence);
        if (PhotometricInterpretation == "PALETTE COLOR")
        {
            PaletteLuts = ReadPalette();
        }

        if (BitsAllocated is not (1 or 8 or 16 or 32))
        {
            throw new DicomDataException(DicomTags.BitsAllocated, $"{BitsAllocated} bits allocated is not supported (1, 8, 16 or 32)");
        }

        if (BitsStored < 1 || BitsStored > BitsAllocated || HighBit < BitsStored - 1 || HighBit >= BitsAllocated)
        {
            throw new DicomDataException(DicomTags.BitsStored, $"bits stored {BitsStored} and high bit {HighBit} do not fit {BitsAllocated} bits allocated");
        }

        if (SamplesPerPixel is not (1 or 3))
        {
            throw new DicomDataException(DicomTags.SamplesPerPixel, $"{SamplesPerPixel} samples per pixel is not supported (1 or 3)");
        }

        FrameInfo = new PixelFrameInfo(Rows, Columns, SamplesPerPixel, BitsAllocated, BitsStored, PixelRepresentation == 1, PhotometricInterpretation);
    }

    /// <summary>The pixel data of <paramref name="file"/>, deferred or in memory.</summary>
    public static DicomPixelData Create(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new DicomPixelData(file.Dataset, file.TransferSyntax, file.DeferredPixelData);
    }

    /// <summary>The transfer syntax of the pixel data.</summary>
    public TransferSyntax TransferSyntax { get; }

    /// <summary>True when the pixel data is encapsulated (compressed).</summary>
    public bool IsEncapsulated => _deferred?.IsEncapsulated ?? _element!.Fragments is not null;

    /// <summary>Rows (0028,0010).</summary>
    public int Rows { get; }

    /// <summary>Columns (0028,0011).</summary>
    public int Columns { get; }

    /// <summary>Samples per Pixel (0028,0002).</summary>
    public int SamplesPerPixel { get; }

    /// <summary>Bits Allocated (0028,0100).</summary>
    public int BitsAllocated { get; }

    /// <summary>Bits Stored (0028,0101).</summary>
    public int BitsStored { get; }

    /// <summary>High Bit (0028,0102).</summary>
    public int HighBit { get; }

    /// <summary>Pixel Representation (0028,0103): 0 unsigned, 1 two's complement.</summary>
    public int PixelRepresentation { get; }

    /// <summary>Planar Configuration (0028,0006): 0 interleaved, 1 one plane per sample.</summary>
    public int PlanarConfiguration { get; }

    /// <summary>Photometric Interpretation (0028,0004).</summary>
    public string PhotometricInterpretation { get; }

    /// <summary>Number of Frames (0028,0008); 1 when absent.</summary>
    public int NumberOfFrames { get; }

    /// <summary>Rescale Slope (0028,1053); 1 when absent.</summary>
    public double RescaleSlope { get; }

    /// <summary>Rescale Intercept (0028,1052); 0 when absent.</summary>
    public double RescaleIntercept { get; }

    /// <summary>Rescale Type (0028,1054), e.g. HU; null when absent.</summary>
    public string? RescaleType { get; }

    /// <summary>The windows of Window Center (0028,1050) and Window Width (0028,1051), paired in order.</summary>
    public IReadOnlyList<WindowLevel> Windows { get; }

    /// <summary>The Modality LUT Sequence (0028,3000)'s table, or null.</summary>
    public PixelLut? ModalityLut { get; }

    /// <summary>The tables of the VOI LUT Sequence (0028,3010).</summary>
    public IReadOnlyList<PixelLut> VoiLuts { get; }

    /// <summary>The red, green and blue palette tables for PALETTE COLOR; null otherwise.</summary>
    public (PixelLut Red, PixelLut Green, PixelLut Blue)? PaletteLuts { get; }

    /// <summary>The frame layout as stored.</summary>
    public PixelFrameInfo FrameInfo { get; }

    /// <summary>The size of one frame in native encoding, in bits (1-bit frames need not start on a byte).</summary>
    public long NativeFrameBits => PhotometricInterpretation == "YBR_FULL_422"
        ? FrameInfo.PixelCount * 2 * BitsAllocated
        : FrameInfo.PixelCount * SamplesPerPixel * BitsAllocated;

    /// <summary>
    /// Frame <paramref name="frame"/> (from 0) in the canonical layout of <see cref="PixelFrameInfo.DecodedLength"/>:
    /// native frames are de-planarised, YBR_FULL_422 is upsampled and 1-bit pixels are unpacked to one
    /// byte each; encapsulated frames are decoded by their codec.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such frame.</exception>
    /// <exception cref="DicomDataException">The pixel data is shorter than its frames or cannot be decoded.</exception>
    /// <exception cref="DicomNotSupportedException">No codec handles the transfer syntax.</exception>
    public byte[] GetFrameBytes(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, NumberOfFrames);
        if (IsEncapsulated)
        {
            // Find the codec and the encoded bytes before allocating: the frame size comes from the
            // header, which a damaged file may inflate far beyond what the fragments can hold.
            var codec = PixelCodecs.Get(TransferSyntax);
            var encoded = GetEncodedFrame(frame);
            if (TransferSyntax == TransferSyntax.RleLossless && FrameInfo.DecodedLength > (64L * encoded.Length) + 64)
            {
                // An RLE run of two bytes yields at most 128 bytes.
                throw new DicomDataException(DicomTags.PixelData,
                    $"frame {frame + 1} holds {encoded.Length} RLE bytes, too few for {FrameInfo.DecodedLength} decoded bytes ({Rows}x{Columns}x{SamplesPerPixel}, {BitsAllocated} bits)");
            }

            var decoded = AllocateDecodedFrame(frame);
            codec.Decode(encoded, FrameInfo, decoded);
            return decoded;
        }

        var bits = NativeFrameBits;
        var firstBit = bits * frame;
        var start = firstBit / 8;
        // Kept in long until checked against what the element holds: a damaged header can declare
        // frames of tens of gigabytes.
        var frameBytes = ((firstBit + bits + 7) / 8) - start;
        var available = NativeLength;
        if (start + frameBytes > available)
        {
            throw new DicomDataException(DicomTags.PixelData, $"pixel data holds {available} bytes, too few for frame {frame + 1} of {NumberOfFrames} ({Rows}x{Columns}x{SamplesPerPixel}, {BitsAllocated} bits)");
        }

        var byteCount = (int)frameBytes;
        var output = AllocateDecodedFrame(frame);
        if (_deferred is not null)
        {
            var buffer = new byte[byteCount];
            _deferred.Read(_deferred.ValueOffset + start, buffer);
            if (TransferSyntax.IsBigEndian)
            {
                // As read from the file; 1-bit data keeps the word order the in-memory reader gives it.
                var unit = _deferred.VR.UnitSize;
                NativeLayout.FromBigEndian(buffer, 1, BitsAllocated == 1 ? unit * 8 : BitsAllocated);
            }

            NativeLayout.ToCanonical(buffer, (int)(firstBit % 8), this, output);
        }
        else if (TransferSyntax.IsBigEndian && BitsAllocated is 8 or 32)
        {
            // The reader swapped the value in units of its VR; redo the swap in units of Bits Allocated.
            var buffer = _element!.Value.Span.Slice((int)start, byteCount).ToArray();
            NativeLayout.FromBigEndian(buffer, _element.VR.UnitSize, BitsAllocated);
            NativeLayout.ToCanonical(buffer, (int)(firstBit % 8), this, output);
        }
        else
        {
            NativeLayout.ToCanonical(_element!.Value.Span.Slice((int)start, byteCount), (int)(firstBit % 8), this, output);
        }

        return output;
    }

    /// <summary>The compressed bytes of frame <paramref name="frame"/> (its fragments joined).</summary>
    /// <exception cref="DicomDataException">The fragments cannot be assigned to frames.</exception>
    public byte[] GetEncodedFrame(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, NumberOfFrames);
        if (!IsEncapsulated)
        {
            throw new InvalidOperationException("the pixel data is native, not encapsulated");
        }

        _frameFragments ??= FrameMapping();
        var indices = _frameFragments[frame];
        var total = 0L;
        foreach (var i in indices)
        {
            total += FragmentLength(i);
        }

        var result = new byte[checked((int)total)];
        var at = 0;
        foreach (var i in indices)
        {
            var length = FragmentLength(i);
            if (_deferred is not null)
            {
                _deferred.Read(_deferred.FragmentOffsets[i], result.AsSpan(at, length));
            }
            else
            {
                _element!.Fragments!.Fragments[i].Span.CopyTo(result.AsSpan(at));
            }

            at += length;
        }

        return result;
    }

    /// <summary>Decodes frame <paramref name="frame"/> (from 0) to stored values (see <see cref="PixelFrame"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such frame.</exception>
    /// <exception cref="DicomDataException">The pixel data is short or corrupt.</exception>
    /// <exception cref="DicomNotSupportedException">No codec handles the transfer syntax.</exception>
    public PixelFrame DecodeFrame(int frame)
    {
        var bytes = GetFrameBytes(frame);
        var shift = IsEncapsulated ? 0 : HighBit - BitsStored + 1;
        var samples = NativeLayout.ToSamples(bytes, FrameInfo, shift);
        return new PixelFrame(FrameInfo, DecodedPhotometric(PhotometricInterpretation), samples);
    }

    /// <summary>
    /// Modality values of a monochrome frame: the Modality LUT when present, otherwise
    /// value × <see cref="RescaleSlope"/> + <see cref="RescaleIntercept"/>.
    /// </summary>
    public float[] ToModality(PixelFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var result = new float[frame.Samples.Length];
        if (ModalityLut is { } lut)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = lut.Lookup(frame.GetValue(i));
            }
        }
        else
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = (float)((frame.GetValue(i) * RescaleSlope) + RescaleIntercept);
            }
        }

        return result;
    }

    /// <summary>
    /// An 8-bit display image of a monochrome frame: modality values through <paramref name="window"/>
    /// (or the dataset's first window, else its first VOI LUT, else the frame's full range), inverted
    /// for MONOCHROME1.
    /// </summary>
    public byte[] ToDisplayGray8(PixelFrame frame, WindowLevel? window = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (window is null && Windows.Count == 0 && VoiLuts.Count > 0)
        {
            return ToDisplayGray8(frame, VoiLuts[0]);
        }

        var modality = ToModality(frame);
        var w = window ?? (Windows.Count > 0 ? Windows[0] : FullRange(modality));
        var result = new byte[modality.Length];
        var invert = PhotometricInterpretation == "MONOCHROME1";
        for (var i = 0; i < result.Length; i++)
        {
            var y = w.Apply(modality[i]);
            result[i] = invert ? (byte)(255 - y) : y;
        }

        return result;
    }

    /// <summary>An 8-bit display image of a monochrome frame through a VOI LUT, inverted for MONOCHROME1.</summary>
    public byte[] ToDisplayGray8(PixelFrame frame, PixelLut voiLut)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(voiLut);
        var modality = ToModality(frame);
        var result = new byte[modality.Length];
        var max = (double)Math.Max(1, voiLut.MaxOutput);
        var invert = PhotometricInterpretation == "MONOCHROME1";
        for (var i = 0; i < result.Length; i++)
        {
            var y = (byte)Math.Clamp(Math.Round(voiLut.Lookup(modality[i]) * 255.0 / max), 0, 255);
            result[i] = invert ? (byte)(255 - y) : y;
        }

        return result;
    }

    /// <summary>
    /// An RGB image, 3 bytes per pixel: RGB as is (scaled to 8 bits), YBR_FULL and YBR_FULL_422 through the
    /// equations of PS3.3 C.7.6.3.1.2, PALETTE COLOR through the palette tables, monochrome as grey.
    /// </summary>
    /// <exception cref="DicomNotSupportedException">The photometric interpretation is not one of these.</exception>
    public byte[] ToRgb24(PixelFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var pixels = (int)frame.Info.PixelCount;
        var rgb = new byte[pixels * 3];
        var s = frame.Samples;
        switch (frame.PhotometricInterpretation)
        {
            case "MONOCHROME1" or "MONOCHROME2":
                var gray = ToDisplayGray8(frame);
                for (var i = 0; i < pixels; i++)
                {
                    rgb[i * 3] = rgb[(i * 3) + 1] = rgb[(i * 3) + 2] = gray[i];
                }

                break;
            case "RGB":
                var down = Math.Max(0, BitsStored - 8);
                for (var i = 0; i < s.Length; i++)
                {
                    rgb[i] = (byte)Math.Clamp(s[i] >> down, 0, 255);
                }

                break;
            case "YBR_FULL":
                ColorSpace.YbrFullToRgb(s, BitsStored, rgb);
                break;
            case "PALETTE COLOR":
                var (r, g, b) = PaletteLuts ?? throw new DicomDataException(DicomTags.RedPaletteColorLookupTableDescriptor, "PALETTE COLOR without palette tables");
                for (var i = 0; i < pixels; i++)
                {
                    rgb[i * 3] = To8(r, r.Lookup(s[i]));
                    rgb[(i * 3) + 1] = To8(g, g.Lookup(s[i]));
                    rgb[(i * 3) + 2] = To8(b, b.Lookup(s[i]));
                }

                break;
            default:
                throw new DicomNotSupportedException($"photometric interpretation {frame.PhotometricInterpretation} cannot be shown as RGB");
        }

        return rgb;
    }

    /// <summary>A buffer for one decoded frame; a frame larger than an array can hold is a data error, not an overflow.</summary>
    private byte[] AllocateDecodedFrame(int frame)
    {
        if (FrameInfo.DecodedLength > Array.MaxLength)
        {
            throw new DicomDataException(DicomTags.PixelData,
                $"frame {frame + 1} would decode to {FrameInfo.DecodedLength} bytes ({Rows}x{Columns}x{SamplesPerPixel}, {BitsAllocated} bits), more than one buffer can hold");
        }

        return new byte[FrameInfo.DecodedLength];
    }

    internal long NativeLength => _deferred?.ValueLength ?? _element!.Value.Length;

    private static byte To8(PixelLut lut, int value) => lut.BitsPerEntry > 8 ? (byte)(value >> (lut.BitsPerEntry - 8)) : (byte)value;

    private string DecodedPhotometric(string photometric) => photometric switch
    {
        "YBR_FULL_422" => "YBR_FULL",
        "YBR_RCT" or "YBR_ICT" => "RGB",
        "YBR_PARTIAL_420" when TransferSyntax == TransferSyntax.Jpeg2000 || TransferSyntax == TransferSyntax.Jpeg2000Lossless => "RGB",
        _ => photometric,
    };

    private static WindowLevel FullRange(float[] values)
    {
        if (values.Length == 0)
        {
            return new WindowLevel(0.5, 1);
        }

        var min = values.Min();
        var max = values.Max();
        return new WindowLevel(((min + max) / 2.0) + 0.5, Math.Max(1, max - min + 1));
    }

    private int FragmentLength(int index) => _deferred is not null ? _deferred.FragmentLengths[index] : _element!.Fragments!.Fragments[index].Length;

    private int FragmentCount => _deferred is not null ? _deferred.FragmentLengths.Count : _element!.Fragments!.Fragments.Count;

    private ReadOnlySpan<byte> OffsetTable => _deferred is not null ? _deferred.OffsetTable.Span : _element!.Fragments!.OffsetTable.Span;

    private int[][] FrameMapping()
    {
        var count = FragmentCount;
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            lengths[i] = FragmentLength(i);
        }

        ulong[]? offsets = null;
        if (_dataset.Find(DicomTags.ExtendedOffsetTable) is { Length: > 0 } eot && eot.Length / 8 == NumberOfFrames)
        {
            offsets = new ulong[NumberOfFrames];
            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = BinaryPrimitives.ReadUInt64LittleEndian(eot.Value.Span[(i * 8)..]);
            }
        }
        else if (OffsetTable.Length / 4 == NumberOfFrames && NumberOfFrames > 1)
        {
            var table = OffsetTable;
            offsets = new ulong[NumberOfFrames];
            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = BinaryPrimitives.ReadUInt32LittleEndian(table[(i * 4)..]);
            }
        }

        return EncapsulatedFrames.Map(NumberOfFrames, lengths, offsets, i => FragmentTail(i));
    }

    private byte[] FragmentTail(int index)
    {
        var length = FragmentLength(index);
        var take = Math.Min(length, 4);
        var tail = new byte[take];
        if (_deferred is not null)
        {
            _deferred.Read(_deferred.FragmentOffsets[index] + length - take, tail);
        }
        else
        {
            _element!.Fragments!.Fragments[index].Span[(length - take)..].CopyTo(tail);
        }

        return tail;
    }

    private int Required(DicomTag tag) =>
        _dataset.Contains(tag) ? _dataset.GetInt32(tag) : throw new DicomDataException(tag, "is required by the Image Pixel module but missing");

    private int Optional(DicomTag tag, int fallback)
    {
        var element = _dataset.Find(tag);
        if (element is null || element.IsEmpty)
        {
            return fallback;
        }

        return _dataset.GetInt32(tag);
    }

    private double? Number(DicomTag tag)
    {
        var element = _dataset.Find(tag);
        if (element is null || element.IsEmpty)
        {
            return null;
        }

        var values = _dataset.GetDoubles(tag);
        return values.Length > 0 ? values[0] : null;
    }

    private WindowLevel[] ReadWindows()
    {
        var c = _dataset.Find(DicomTags.WindowCenter);
        var w = _dataset.Find(DicomTags.WindowWidth);
        if (c is null || w is null || c.IsEmpty || w.IsEmpty)
        {
            return [];
        }

        var centers = _dataset.GetDoubles(DicomTags.WindowCenter);
        var widths = _dataset.GetDoubles(DicomTags.WindowWidth);
        var n = Math.Min(centers.Length, widths.Length);
        var result = new WindowLevel[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = new WindowLevel(centers[i], Math.Max(1, widths[i]));
        }

        return result;
    }

    private PixelLut[] ReadLutSequence(DicomTag sequenceTag)
    {
        var element = _dataset.Find(sequenceTag);
        if (element?.Sequence is not { Count: > 0 } sequence)
        {
            return [];
        }

        var result = new List<PixelLut>();
        foreach (var item in sequence)
        {
            var descriptor = item.Find(DicomTags.LUTDescriptor);
            var data = item.Find(DicomTags.LUTData);
            if (descriptor is null || data is null)
            {
                continue;
            }

            item.TryGetString(DicomTags.LUTExplanation, out var explanation);
            result.Add(PixelLut.Parse(DicomTags.LUTDescriptor, descriptor.Value.Span, descriptor.VR == DicomVR.SS || PixelRepresentation == 1, data.Value.Span, explanation));
        }

        return [.. result];
    }

    private (PixelLut, PixelLut, PixelLut) ReadPalette()
    {
        if (_dataset.Contains(DicomTags.SegmentedRedPaletteColorLookupTableData) && !_dataset.Contains(DicomTags.RedPaletteColorLookupTableData))
        {
            throw new DicomNotSupportedException("segmented palette colour lookup tables (0028,1221) are not supported");
        }

        return (
            Palette(DicomTags.RedPaletteColorLookupTableDescriptor, DicomTags.RedPaletteColorLookupTableData),
            Palette(DicomTags.GreenPaletteColorLookupTableDescriptor, DicomTags.GreenPaletteColorLookupTableData),
            Palette(DicomTags.BluePaletteColorLookupTableDescriptor, DicomTags.BluePaletteColorLookupTableData));
    }

    private PixelLut Palette(DicomTag descriptorTag, DicomTag dataTag)
    {
        var descriptor = _dataset.Find(descriptorTag) ?? throw new DicomDataException(descriptorTag, "is required for PALETTE COLOR but missing");
        var data = _dataset.Find(dataTag) ?? throw new DicomDataException(dataTag, "is required for PALETTE COLOR but missing");
        return PixelLut.Parse(descriptorTag, descriptor.Value.Span, descriptor.VR == DicomVR.SS, data.Value.Span);
    }
}
