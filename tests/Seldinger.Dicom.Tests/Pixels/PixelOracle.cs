using System.Buffers.Binary;
using System.Diagnostics;
using Seldinger.Dicom.Pixels;

namespace Seldinger.Dicom.Tests.Pixels;

/// <summary>Peers for pixel tests: pydicom's pixel_array, gdcmconv and DCMTK's tools.</summary>
internal static class PixelOracle
{
    public const string GdcmConv = "/usr/bin/gdcmconv";

    public static bool Has(string tool) => File.Exists(tool);

    /// <summary>pydicom's ds.pixel_array of <paramref name="path"/>, flattened, as 64-bit integers.</summary>
    public static long[] PydicomPixels(string path)
    {
        var output = Path.GetTempFileName();
        try
        {
            TestFiles.RunPython(
                "import sys, numpy, pydicom\nds = pydicom.dcmread(sys.argv[1], force=True)\nnumpy.asarray(ds.pixel_array, dtype=numpy.int64).tofile(sys.argv[2])",
                path,
                output);
            var bytes = File.ReadAllBytes(output);
            var result = new long[bytes.Length / 8];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * 8));
            }

            return result;
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>All frames of <paramref name="pixels"/> decoded and joined.</summary>
    public static long[] OurPixels(DicomPixelData pixels)
    {
        var result = new List<long>();
        for (var f = 0; f < pixels.NumberOfFrames; f++)
        {
            var frame = pixels.DecodeFrame(f);
            for (var i = 0; i < frame.Samples.Length; i++)
            {
                result.Add(frame.GetValue(i));
            }
        }

        return [.. result];
    }

    /// <summary>Runs a tool; throws with its error output when it fails.</summary>
    public static void Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result} {stdout}");
        }
    }

    /// <summary>Describes the first difference between two arrays, or null when equal.</summary>
    public static string? Difference(long[] expected, long[] actual)
    {
        if (expected.Length != actual.Length)
        {
            return $"length {actual.Length}, expected {expected.Length}";
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                return $"sample {i}: {actual[i]}, expected {expected[i]}";
            }
        }

        return null;
    }

    /// <summary>A temporary directory removed on dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seldinger-pixels-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
