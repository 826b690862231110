using System.Buffers.Binary;
using System.Globalization;
using Seldinger.Dicom;
using Seldinger.Dicom.Pixels;
using Seldinger.Imaging.Rendering;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger dicom pixels FILE [--frame N] [--window C,W] --out x.png|x.raw</c>: one decoded frame.
/// PNG is what a viewer shows (window/VOI applied, MONOCHROME1 inverted, colour as RGB); RAW is the
/// decoded samples as stored (before rescale), little endian, interleaved, 1, 2 or 4 bytes per sample.
/// </summary>
internal static class DicomPixelsCommand
{
    public static int Run(CommandLine line)
    {
        var output = line.Value("--out") ?? throw new UsageException("dicom pixels needs --out x.png or x.raw.");
        var window = line.Value("--window") is { } w ? ParseWindow(w) : (Seldinger.Dicom.Pixels.WindowLevel?)null;
        var frameText = line.Value("--frame");
        line.RejectUnknown();
        if (line.Positional.Count != 1)
        {
            throw new UsageException("dicom pixels takes exactly one FILE.");
        }

        var pixels = DicomPixelData.Create(DicomFile.Open(line.Positional[0]));
        var frameIndex = frameText is null ? 0 : ParseFrame(frameText, pixels.NumberOfFrames);
        var frame = pixels.DecodeFrame(frameIndex);
        byte[] bytes;
        switch (Path.GetExtension(output).ToLowerInvariant())
        {
            case ".png":
                bytes = frame.SamplesPerPixel == 1
                    ? PngEncoder.EncodeGray8(pixels.ToDisplayGray8(frame, window), frame.Columns, frame.Rows)
                    : PngEncoder.EncodeRgba(ToRgba(pixels.ToRgb24(frame)), frame.Columns, frame.Rows);
                break;
            case ".raw":
                bytes = ToRaw(frame);
                break;
            default:
                throw new UsageException("--out must end in .png or .raw.");
        }

        var temporary = output + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, output, overwrite: true);
        CliApp.Say($"Wrote frame {frameIndex + 1} of {pixels.NumberOfFrames} ({frame.Columns}×{frame.Rows}, {frame.PhotometricInterpretation}) to {output}.");
        return 0;
    }

    private static int ParseFrame(string text, int frames) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 && n < frames
            ? n
            : throw new UsageException($"--frame must be from 0 to {frames - 1}, not '{text}'.");

    private static Seldinger.Dicom.Pixels.WindowLevel ParseWindow(string text)
    {
        var parts = text.Split(',');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var c)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && w >= 1
            ? new Seldinger.Dicom.Pixels.WindowLevel(c, w)
            : throw new UsageException($"--window must be CENTER,WIDTH with width ≥ 1, not '{text}'.");
    }

    private static byte[] ToRgba(byte[] rgb)
    {
        var rgba = new byte[rgb.Length / 3 * 4];
        for (int p = 0, q = 0; p < rgb.Length; p += 3, q += 4)
        {
            (rgba[q], rgba[q + 1], rgba[q + 2], rgba[q + 3]) = (rgb[p], rgb[p + 1], rgb[p + 2], 255);
        }

        return rgba;
    }

    private static byte[] ToRaw(PixelFrame frame)
    {
        var size = frame.Info.BytesPerSample;
        var samples = frame.Samples;
        var raw = new byte[samples.Length * size];
        for (var n = 0; n < samples.Length; n++)
        {
            switch (size)
            {
                case 1: raw[n] = (byte)samples[n]; break;
                case 2: BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(n * 2), (ushort)samples[n]); break;
                default: BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(n * 4), samples[n]); break;
            }
        }

        return raw;
    }
}
