using System.Diagnostics;
using System.Text.Json;

namespace Seldinger.Dicom.Tests;

/// <summary>
/// Reads pydicom's whole test corpus (test_files and charset_files, recursively) once per test run: one
/// pydicom process prints one JSON document with every file's <c>to_json_dict</c>, and one dcmdump process
/// lists every file's tags and VRs.
/// </summary>
public sealed class CorpusOracle : IDisposable
{
    public const string DataDirectory = "/usr/lib/python3/dist-packages/pydicom/data";

    private const string Script = """
        import sys, os, json, warnings
        warnings.simplefilter("ignore")
        import pydicom
        from pydicom.errors import InvalidDicomError
        huge = 10 ** 12
        out = {}
        for rel in sys.argv[2:]:
            path = os.path.join(sys.argv[1], rel)
            entry = {}
            try:
                pydicom.dcmread(path)
                entry["strict"] = True
            except InvalidDicomError:
                entry["strict"] = False
            except Exception as e:
                entry["strict"] = True
            try:
                ds = pydicom.dcmread(path, force=True)
                entry["dataset"] = ds.to_json_dict(bulk_data_threshold=huge)
                meta = getattr(ds, "file_meta", None)
                entry["meta"] = meta.to_json_dict(bulk_data_threshold=huge) if meta is not None else {}
            except Exception as e:
                entry["error"] = type(e).__name__ + ": " + str(e)[:300]
            out[rel] = entry
        json.dump(out, sys.stdout)
        """;

    private readonly JsonDocument? _pydicom;

    public CorpusOracle()
    {
        if (!Directory.Exists(DataDirectory))
        {
            Files = [];
            return;
        }

        Files = [.. Directory.EnumerateFiles(Path.Combine(DataDirectory, "test_files"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(DataDirectory, "charset_files"), "*", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(DataDirectory, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
        if (TestFiles.HasPydicom)
        {
            _pydicom = JsonDocument.Parse(TestFiles.RunPython(Script, [DataDirectory, .. Files]));
        }

        if (File.Exists("/usr/bin/dcmdump"))
        {
            Dcmdump = RunDcmdump(Files);
        }
    }

    /// <summary>Every file of the corpus, relative to <see cref="DataDirectory"/>, with '/' separators.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>DCMTK's listing per file: (depth, tag, VR) of every element of the dataset, in order; null when dcmdump is missing.</summary>
    public IReadOnlyDictionary<string, List<(int Depth, string Tag, string VR)>>? Dcmdump { get; }

    public bool HasPydicom => _pydicom is not null;

    /// <summary>pydicom's entry for a file: "strict" (read without force), "dataset"/"meta" or "error".</summary>
    public JsonElement Pydicom(string file) => _pydicom!.RootElement.GetProperty(file);

    public static string FullPath(string file) => Path.Combine(DataDirectory, file);

    public void Dispose() => _pydicom?.Dispose();

    private static Dictionary<string, List<(int, string, string)>> RunDcmdump(IReadOnlyList<string> files)
    {
        var info = new ProcessStartInfo("/usr/bin/dcmdump")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        foreach (var a in (string[])["-q", "+F", "-M", "+L"])
        {
            info.ArgumentList.Add(a);
        }

        foreach (var f in files)
        {
            info.ArgumentList.Add(f);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dcmdump");
        _ = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        var result = new Dictionary<string, List<(int, string, string)>>(StringComparer.Ordinal);
        List<(int, string, string)>? current = null;
        var inDataset = false;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("# dcmdump (", StringComparison.Ordinal))
            {
                var name = line[(line.IndexOf("): ", StringComparison.Ordinal) + 3)..].Trim();
                current = [];
                result[name] = current;
                inDataset = false;
                continue;
            }

            if (line.StartsWith("# Dicom-Data-Set", StringComparison.Ordinal))
            {
                inDataset = true;
                continue;
            }

            var trimmed = line.TrimStart(' ');
            if (current is null || !inDataset || !trimmed.StartsWith('(') || trimmed.Length < 15)
            {
                continue;
            }

            var tag = trimmed[1..10].Replace(",", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            if (tag.StartsWith("FFFE", StringComparison.Ordinal))
            {
                continue;
            }

            current.Add(((line.Length - trimmed.Length) / 2, tag, trimmed[12..14]));
        }

        return result;
    }
}
