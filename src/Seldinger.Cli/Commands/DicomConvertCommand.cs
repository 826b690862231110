using Seldinger.Dicom;
using Seldinger.Dicom.Codecs;
using Seldinger.Dicom.Pixels;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger dicom convert IN OUT --transfer-syntax NAME|UID</c>: rewrites a file in another transfer
/// syntax, keeping every dataset element; pixel data is decoded or encoded when the encapsulation changes
/// (any syntax with a decoder to uncompressed, uncompressed to RLE or JPEG Lossless). The result is
/// checked before anything is written: it must read back with the same elements and values (and, for a
/// lossless source, the same decoded frames), else the command refuses and OUT is left as it was.
/// OUT is written atomically.
/// </summary>
internal static class DicomConvertCommand
{
    public static int Run(CommandLine line)
    {
        var syntaxName = line.Value("--transfer-syntax") ?? throw new UsageException("dicom convert needs --transfer-syntax NAME|UID.");
        line.RejectUnknown();
        if (line.Positional.Count != 2)
        {
            throw new UsageException("dicom convert takes IN and OUT.");
        }

        var (inputPath, outputPath) = (line.Positional[0], line.Positional[1]);
        var target = Resolve(syntaxName);
        if (!File.Exists(inputPath))
        {
            throw new FileNotFoundException($"{inputPath}: no such file.");
        }

        var input = DicomFile.Open(inputPath);
        if (WhyNotTranscodable(input.TransferSyntax, target) is { } reason)
        {
            throw new InvalidOperationException($"{inputPath}: cannot convert from {input.TransferSyntax.Name} to {target.Name}: {reason}.");
        }

        var pixelsChange = input.TransferSyntax != target && (input.TransferSyntax.IsEncapsulated || target.IsEncapsulated);
        var bytes = (pixelsChange ? input.Transcode(target) : DicomFile.Create(input.Dataset, target)).ToArray();
        var check = DicomFile.Read(new MemoryStream(bytes), name: outputPath);
        var difference = pixelsChange
            ? FirstDifference(WithoutPixelEncoding(input.Dataset), WithoutPixelEncoding(check.Dataset)) ?? FirstFrameDifference(input, check)
            : FirstDifference(input.Dataset, check.Dataset);
        if (difference is not null)
        {
            throw new InvalidOperationException(
                $"{inputPath}: written as {target.Name} it would not read back the same ({difference}); nothing was written.");
        }

        WriteAtomically(outputPath, bytes);
        CliApp.Say($"Wrote {outputPath} in {target.Name} ({input.Dataset.Count} elements, {bytes.Length} bytes).");
        return 0;
    }

    /// <summary>
    /// What the library can transcode, and why not otherwise (null when it can). The uncompressed
    /// syntaxes convert among themselves; an encapsulated syntax can only be written as it was read,
    /// until pixel codecs are added here: decoding (compressed to uncompressed) and encoding
    /// (uncompressed to RLE or JPEG lossless).
    /// </summary>
    internal static string? WhyNotTranscodable(TransferSyntax from, TransferSyntax to)
    {
        if (from == to || (!from.IsEncapsulated && !to.IsEncapsulated))
        {
            return null;
        }

        if (to.IsEncapsulated && PixelCodecs.Find(to) is not { CanEncode: true })
        {
            return $"writing {to.Name} (compressing pixel data) is not supported yet; use {Encodable()}";
        }

        return from.IsEncapsulated && PixelCodecs.Find(from) is null
            ? $"its pixel data is compressed ({from.Name}) and decompressing it is not supported yet"
            : null;
    }

    private static string Encodable() => string.Join(", ", TransferSyntax.All
        .Where(s => !s.IsEncapsulated || PixelCodecs.Find(s) is { CanEncode: true }).Select(s => s.Name));

    /// <summary>The elements that describe the pixel encoding, which a change of encapsulation may rewrite.</summary>
    private static readonly DicomTag[] PixelEncodingTags =
    [
        DicomTags.PixelData, DicomTags.PhotometricInterpretation, DicomTags.PlanarConfiguration,
        DicomTags.LossyImageCompression, DicomTags.LossyImageCompressionRatio, DicomTags.LossyImageCompressionMethod,
    ];

    private static DicomDataset WithoutPixelEncoding(DicomDataset dataset)
    {
        var copy = new DicomDataset();
        foreach (var element in dataset.Where(e => !PixelEncodingTags.Contains(e.Tag)))
        {
            copy.Set(element);
        }

        return copy;
    }

    /// <summary>For a lossless source with the same photometric interpretation: the first frame whose decoded bytes differ.</summary>
    private static string? FirstFrameDifference(DicomFile input, DicomFile output)
    {
        if (input.TransferSyntax.IsLossy || !input.Dataset.Contains(DicomTags.PixelData))
        {
            return null;
        }

        var before = DicomPixelData.Create(input);
        var after = DicomPixelData.Create(output);
        if (before.PhotometricInterpretation != after.PhotometricInterpretation)
        {
            return null;
        }

        for (var frame = 0; frame < before.NumberOfFrames; frame++)
        {
            if (!before.GetFrameBytes(frame).AsSpan().SequenceEqual(after.GetFrameBytes(frame)))
            {
                return $"decoded frame {frame + 1} differs";
            }
        }

        return null;
    }

    /// <summary>
    /// The first element whose tag, value bytes, items or fragments differ, or null when the datasets hold the
    /// same values. VRs may differ: an implicit VR file carries none, so the reader takes the dictionary's.
    /// </summary>
    internal static string? FirstDifference(DicomDataset expected, DicomDataset actual)
    {
        if (expected.Count != actual.Count)
        {
            var missing = expected.Select(e => e.Tag).Except(actual.Select(e => e.Tag)).Concat(actual.Select(e => e.Tag).Except(expected.Select(e => e.Tag)));
            return $"{expected.Count} elements became {actual.Count}, {string.Join(", ", missing.Take(3))} differ";
        }

        foreach (var (a, b) in expected.Zip(actual))
        {
            if (a.Tag != b.Tag)
            {
                return $"{a.Tag} became {b.Tag}";
            }

            if (a.Sequence is { } sa)
            {
                if (b.Sequence is not { } sb || sa.Count != sb.Count)
                {
                    return $"sequence {a.Tag} changed";
                }

                for (var i = 0; i < sa.Count; i++)
                {
                    if (FirstDifference(sa[i], sb[i]) is { } inner)
                    {
                        return $"{a.Tag} item {i + 1}: {inner}";
                    }
                }
            }
            else if (a.Fragments is { } fa)
            {
                if (b.Fragments is not { } fb || fa.Fragments.Count != fb.Fragments.Count
                    || !fa.OffsetTable.Span.SequenceEqual(fb.OffsetTable.Span)
                    || fa.Fragments.Zip(fb.Fragments).Any(p => !p.First.Span.SequenceEqual(p.Second.Span)))
                {
                    return $"fragments of {a.Tag} changed";
                }
            }
            else if (b.Sequence is not null || b.Fragments is not null || !SameValue(a, b))
            {
                return $"value of {a.Tag} changed";
            }
        }

        return null;
    }

    /// <summary>Equal bytes, allowing for the one padding byte the writer adds to an odd-length value.</summary>
    private static bool SameValue(DicomElement a, DicomElement b)
    {
        var x = a.Value.Span;
        var y = b.Value.Span;
        return x.SequenceEqual(y) || (x.Length % 2 == 1 && y.Length == x.Length + 1 && y[..x.Length].SequenceEqual(x) && y[^1] is 0 or 0x20);
    }

    private static TransferSyntax Resolve(string name)
    {
        var byUid = TransferSyntax.Lookup(name);
        if (byUid is not null)
        {
            return byUid;
        }

        var normalised = Normalise(name);
        var match = TransferSyntax.All.FirstOrDefault(s => Normalise(s.Name) == normalised)
            ?? Aliases.FirstOrDefault(a => a.Alias == normalised).Syntax;
        return match ?? throw new UsageException(
            $"Unknown transfer syntax '{name}'; use a UID or one of: {string.Join(", ", TransferSyntax.All.Select(s => s.Name))}.");
    }

    private static readonly (string Alias, TransferSyntax Syntax)[] Aliases =
    [
        ("implicit", TransferSyntax.ImplicitVRLittleEndian),
        ("explicit", TransferSyntax.ExplicitVRLittleEndian),
        ("bigendian", TransferSyntax.ExplicitVRBigEndian),
        ("explicitbigendian", TransferSyntax.ExplicitVRBigEndian),
        ("deflated", TransferSyntax.DeflatedExplicitVRLittleEndian),
        ("rle", TransferSyntax.RleLossless),
        ("jpeglossless", TransferSyntax.JpegLossless),
    ];

    private static string Normalise(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{path}: the folder {directory} does not exist.");
        }

        var temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
