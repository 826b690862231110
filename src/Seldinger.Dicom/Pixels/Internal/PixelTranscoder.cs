using Seldinger.Dicom.Codecs;

namespace Seldinger.Dicom.Pixels.Internal;

/// <summary>Re-encodes the pixel data of a dataset for another transfer syntax.</summary>
internal static class PixelTranscoder
{
    /// <summary>
    /// Returns a copy of <paramref name="file"/>'s dataset whose pixel data is in <paramref name="target"/>:
    /// decoded to native (interleaved, planar configuration 0) or encoded frame by frame with a Basic
    /// Offset Table. The Image Pixel attributes that change with it are updated.
    /// </summary>
    public static DicomDataset Transcode(DicomFile file, TransferSyntax target)
    {
        var dataset = new DicomDataset();
        foreach (var element in file.Dataset)
        {
            dataset.Set(element);
        }

        var hasPixels = file.DeferredPixelData is not null || file.Dataset.Contains(DicomTags.PixelData);
        if (!hasPixels)
        {
            return dataset;
        }

        var pixels = DicomPixelData.Create(file);
        var sourceEncapsulated = pixels.IsEncapsulated;
        if (!sourceEncapsulated && !target.IsEncapsulated && file.DeferredPixelData is null)
        {
            return dataset;
        }

        if (sourceEncapsulated && target == file.TransferSyntax)
        {
            if (file.DeferredPixelData is not null)
            {
                var fragments = new List<ReadOnlyMemory<byte>>();
                for (var f = 0; f < pixels.NumberOfFrames; f++)
                {
                    fragments.Add(pixels.GetEncodedFrame(f));
                }

                SetEncapsulated(dataset, fragments);
            }

            return dataset;
        }

        IPixelCodec? codec = null;
        if (target.IsEncapsulated)
        {
            codec = PixelCodecs.Get(target);
            if (!codec.CanEncode)
            {
                throw new DicomNotSupportedException($"{target.Name} is decoded only; compress to {TransferSyntax.RleLossless.Name} or {TransferSyntax.JpegLosslessSV1.Name}");
            }
        }

        var info = pixels.FrameInfo;
        var photometric = pixels.DecodeFrame(0).PhotometricInterpretation;
        if (codec is null)
        {
            var frameBits = info.PixelCount * info.SamplesPerPixel * info.BitsAllocated;
            var total = checked((int)(((frameBits * pixels.NumberOfFrames) + 7) / 8));
            var value = new byte[total + (total & 1)];
            for (var f = 0; f < pixels.NumberOfFrames; f++)
            {
                var frame = pixels.GetFrameBytes(f);
                if (info.BitsAllocated == 1)
                {
                    var first = frameBits * f;
                    for (var i = 0; i < frame.Length; i++)
                    {
                        var bit = first + i;
                        if (frame[i] != 0)
                        {
                            value[bit >> 3] |= (byte)(1 << (int)(bit & 7));
                        }
                    }
                }
                else
                {
                    frame.CopyTo(value, (int)(frame.LongLength * f));
                }
            }

            dataset.SetBytes(DicomTags.PixelData, info.BitsAllocated > 8 ? DicomVR.OW : DicomVR.OB, value);
        }
        else
        {
            var fragments = new List<ReadOnlyMemory<byte>>();
            for (var f = 0; f < pixels.NumberOfFrames; f++)
            {
                var frame = pixels.GetFrameBytes(f);
                if (!sourceEncapsulated && pixels.HighBit != pixels.BitsStored - 1)
                {
                    // Encoders take values right-aligned in bits stored.
                    var samples = pixels.DecodeFrame(f).Samples;
                    NativeLayout.FromSamples(samples, info, frame);
                }

                fragments.Add(codec.Encode(frame, info with { PhotometricInterpretation = photometric }));
            }

            SetEncapsulated(dataset, fragments);
        }

        if (info.SamplesPerPixel > 1)
        {
            // RLE codes colour by plane (PS3.5 G.2); native output and JPEG are interleaved.
            dataset.SetUInt16(DicomTags.PlanarConfiguration, (ushort)(target == TransferSyntax.RleLossless ? 1 : 0));
        }

        if (photometric != pixels.PhotometricInterpretation)
        {
            dataset.SetString(DicomTags.PhotometricInterpretation, photometric);
        }

        if (!sourceEncapsulated || !target.IsEncapsulated)
        {
            dataset.Remove(DicomTags.ExtendedOffsetTable);
            dataset.Remove(DicomTags.ExtendedOffsetTableLengths);
        }

        if (pixels.HighBit != pixels.BitsStored - 1 && target.IsEncapsulated)
        {
            dataset.SetUInt16(DicomTags.HighBit, (ushort)(pixels.BitsStored - 1));
        }

        return dataset;
    }

    private static void SetEncapsulated(DicomDataset dataset, List<ReadOnlyMemory<byte>> fragments)
    {
        var table = new byte[fragments.Count * 4];
        uint offset = 0;
        for (var i = 0; i < fragments.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(i * 4), offset);
            offset = checked(offset + 8 + (uint)(fragments[i].Length + (fragments[i].Length & 1)));
        }

        dataset.Remove(DicomTags.ExtendedOffsetTable);
        dataset.Remove(DicomTags.ExtendedOffsetTableLengths);
        dataset.Set(new DicomElement(DicomTags.PixelData, new DicomFragmentSequence(table, fragments)));
    }
}
