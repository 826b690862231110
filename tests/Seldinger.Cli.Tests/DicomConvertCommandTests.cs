using System.Diagnostics;
using Seldinger.Dicom;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

public sealed class DicomConvertCommandTests : IDisposable
{
    private const string Corpus = "/usr/lib/python3/dist-packages/pydicom/data/test_files/";
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> Conversions()
    {
        var data = new TheoryData<string, string>();
        foreach (var input in new[] { "CT_small.dcm", "MR_small_bigendian.dcm", "seed:image-explicit-le.dcm" })
        {
            foreach (var syntax in new[] { "implicit-vr-little-endian", "1.2.840.10008.1.2.1", "Explicit VR Big Endian", "deflated" })
            {
                data.Add(input, syntax);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Conversions))]
    public void Convert_EachUncompressedSyntax_ValueIdenticalAndReadByPeers(string input, string syntax)
    {
        var source = Source(input);
        var output = Path.Combine(_dir.Path, "out.dcm");

        var (code, stdout, stderr) = CliRunner.Run("dicom", "convert", source, output, "--transfer-syntax", syntax);

        Assert.True(code == 0, stderr);
        Assert.Contains("Wrote", stdout, StringComparison.Ordinal);
        var original = DicomFile.Open(source);
        var converted = DicomFile.Open(output);
        Assert.Equal(ExpectedSyntax(syntax), converted.TransferSyntax);
        AssertSameValues(original.Dataset, converted.Dataset, "");
        // And back: converting the output to the input's syntax gives the same values again.
        var back = Path.Combine(_dir.Path, "back.dcm");
        Assert.Equal(0, CliRunner.Run("dicom", "convert", output, back, "--transfer-syntax", original.TransferSyntax.Uid).ExitCode);
        AssertSameValues(original.Dataset, DicomFile.Open(back).Dataset, "");

        AssertDcmdumpSeesSameTopLevelTags(source, output);
        AssertPydicomSeesSameValues(source, output);
    }

    [SkippableTheory]
    [InlineData("MR_small.dcm", "RLE Lossless")]
    [InlineData("MR_small.dcm", "JPEG Lossless SV1")]
    [InlineData("seed:image-explicit-le.dcm", "1.2.840.10008.1.2.5")]
    [InlineData("MR_small_bigendian.dcm", "jpeg-lossless")]
    public void Convert_ToLosslessCompressionAndBack_SamePixelsAndElements(string input, string syntax)
    {
        var source = Source(input);
        var compressed = Path.Combine(_dir.Path, "compressed.dcm");
        var back = Path.Combine(_dir.Path, "back.dcm");

        var (code, _, stderr) = CliRunner.Run("dicom", "convert", source, compressed, "--transfer-syntax", syntax);
        Assert.True(code == 0, stderr);
        (code, _, stderr) = CliRunner.Run("dicom", "convert", compressed, back, "--transfer-syntax", "explicit");
        Assert.True(code == 0, stderr);

        var original = DicomFile.Open(source);
        Assert.True(DicomFile.Open(compressed).TransferSyntax.IsEncapsulated);
        var restored = DicomFile.Open(back);
        AssertSameValues(original.Dataset, restored.Dataset, "");
        Assert.Equal(original.GetNativePixelData().ToArray(), restored.GetNativePixelData().ToArray());
        RunDcmdump(compressed);
    }

    [SkippableFact]
    public void Convert_ToJpeg2000_RefusesAndKeepsExistingOutput()
    {
        var source = Source("seed:image-explicit-le.dcm");
        var output = Path.Combine(_dir.Path, "out.dcm");
        File.WriteAllText(output, "previous");

        var (code, _, stderr) = CliRunner.Run("dicom", "convert", source, output, "--transfer-syntax", "JPEG 2000 Lossless");

        Assert.Equal(1, code);
        Assert.Contains("JPEG 2000 Lossless", stderr, StringComparison.Ordinal);
        Assert.Contains("not supported yet", stderr, StringComparison.Ordinal);
        Assert.Equal("previous", File.ReadAllText(output));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    [SkippableFact]
    public void Convert_Jpeg2000LosslessToExplicit_DecodesLikePydicomSees()
    {
        var source = Source("MR_small_jp2klossless.dcm");
        Require.File("/usr/lib/x86_64-linux-gnu/libopenjp2.so.7", "./test installs libopenjp2-7.");
        var output = Path.Combine(_dir.Path, "out.dcm");

        var (code, _, stderr) = CliRunner.Run("dicom", "convert", source, output, "--transfer-syntax", "explicit");

        Assert.True(code == 0, stderr);
        var reference = DicomFile.Open(Source("MR_small.dcm"));
        Assert.Equal(reference.GetNativePixelData().ToArray(), DicomFile.Open(output).GetNativePixelData().ToArray());
    }

    [SkippableFact]
    public void Convert_SameCompressedSyntax_KeepsFragments()
    {
        var source = Source("MR_small_RLE.dcm");
        var output = Path.Combine(_dir.Path, "out.dcm");

        var (code, _, stderr) = CliRunner.Run("dicom", "convert", source, output, "--transfer-syntax", "1.2.840.10008.1.2.5");

        Assert.True(code == 0, stderr);
        AssertSameValues(DicomFile.Open(source).Dataset, DicomFile.Open(output).Dataset, "");
    }

    [Theory]
    [InlineData("JPEG 3000", "Unknown transfer syntax 'JPEG 3000'")]
    [InlineData("1.2.3.4", "Unknown transfer syntax '1.2.3.4'")]
    public void Convert_UnknownSyntax_UsageError(string syntax, string message)
    {
        var (code, _, stderr) = CliRunner.Run("dicom", "convert", "in.dcm", "out.dcm", "--transfer-syntax", syntax);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_NotDicom_OneLineErrorAndNoOutput()
    {
        var source = Path.Combine(_dir.Path, "notes.txt");
        File.WriteAllText(source, string.Concat(Enumerable.Repeat("not DICOM\n", 40)));
        var output = Path.Combine(_dir.Path, "out.dcm");

        var (code, _, stderr) = CliRunner.Run("dicom", "convert", source, output, "--transfer-syntax", "explicit");

        Assert.Equal(1, code);
        Assert.Contains("notes.txt", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static TransferSyntax ExpectedSyntax(string name) => name switch
    {
        "implicit-vr-little-endian" => TransferSyntax.ImplicitVRLittleEndian,
        "1.2.840.10008.1.2.1" => TransferSyntax.ExplicitVRLittleEndian,
        "Explicit VR Big Endian" => TransferSyntax.ExplicitVRBigEndian,
        _ => TransferSyntax.DeflatedExplicitVRLittleEndian,
    };

    private static string Source(string name)
    {
        if (name.StartsWith("seed:", StringComparison.Ordinal))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Seldinger.slnx")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir!.FullName, "tools", "fuzz", "seeds", name["seed:".Length..]);
        }

        Require.File(Corpus + name, "./test installs python3-pydicom.");
        return Corpus + name;
    }

    /// <summary>Same tags, items and value bytes at every level; VRs may differ (implicit VR carries none).</summary>
    private static void AssertSameValues(DicomDataset expected, DicomDataset actual, string path)
    {
        Assert.Equal(expected.Select(e => e.Tag.ToString()).ToList(), actual.Select(e => e.Tag.ToString()).ToList());
        foreach (var (a, b) in expected.Zip(actual))
        {
            var where = $"{path}{a.Tag}";
            if (a.Sequence is { } sa)
            {
                Assert.True(b.Sequence is not null, $"{where} is no longer a sequence");
                Assert.Equal(sa.Count, b.Sequence!.Count);
                for (var i = 0; i < sa.Count; i++)
                {
                    AssertSameValues(sa[i], b.Sequence[i], $"{where}[{i}].");
                }
            }
            else if (a.Fragments is { } fa)
            {
                Assert.True(b.Fragments is not null, $"{where} lost its fragments");
                Assert.Equal(fa.Fragments.Select(f => f.ToArray()), b.Fragments!.Fragments.Select(f => f.ToArray()));
            }
            else
            {
                var x = a.Value.ToArray();
                var y = b.Value.ToArray();
                Assert.True(x.SequenceEqual(y) || (x.Length % 2 == 1 && y.Length == x.Length + 1 && y.AsSpan(0, x.Length).SequenceEqual(x)),
                    $"{where}: {Convert.ToHexString(x)} became {Convert.ToHexString(y)}");
            }
        }
    }

    private static void AssertDcmdumpSeesSameTopLevelTags(string source, string output)
    {
        Skip.IfNot(File.Exists("/usr/bin/dcmdump"), "dcmdump is missing; ./test installs dcmtk.");
        var expected = TopLevelTags(RunDcmdump(source));
        var actual = TopLevelTags(RunDcmdump(output));
        Assert.Equal(expected, actual);
    }

    private static List<string> TopLevelTags(string dump) =>
        dump.Split('\n').Where(l => l.StartsWith('(') && !l.StartsWith("(0002,", StringComparison.Ordinal)).Select(l => l[..11]).ToList();

    private static string RunDcmdump(string path)
    {
        var start = new ProcessStartInfo("/usr/bin/dcmdump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-q");
        start.ArgumentList.Add("+E");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dcmdump {path}: {stderr}");
        Assert.DoesNotContain("E: ", stderr, StringComparison.Ordinal);
        return stdout.Result;
    }

    private const string PydicomCompare = """
        import sys, pydicom
        a = pydicom.dcmread(sys.argv[1], force=True)
        b = pydicom.dcmread(sys.argv[2])
        def walk(x, y, path):
            tx = [e.tag for e in x]; ty = [e.tag for e in y]
            if tx != ty:
                print(f"{path}: tags differ: {sorted(set(tx) ^ set(ty))[:5]}"); return
            for ea, eb in zip(x, y):
                if ea.VR == 'SQ' and eb.VR == 'SQ':
                    if len(ea.value) != len(eb.value):
                        print(f"{path}{ea.tag}: {len(ea.value)} items became {len(eb.value)}")
                    for i, (ia, ib) in enumerate(zip(ea.value, eb.value)):
                        walk(ia, ib, f"{path}{ea.tag}[{i}].")
                elif ea.tag.is_private or ea.tag == 0x7FE00010 or 'UN' in (ea.VR, eb.VR):
                    continue
                elif ea.value != eb.value:
                    print(f"{path}{ea.tag} {ea.keyword}: {ea.value!r} became {eb.value!r}")
        walk(a, b, "")
        if 'PixelData' in a:
            import numpy
            if not numpy.array_equal(a.pixel_array, b.pixel_array):
                print("pixel_array differs")
        print("compared")
        """;

    private static void AssertPydicomSeesSameValues(string source, string output)
    {
        var reason = PythonPeer.PydicomUnavailableReason;
        Skip.If(reason is not null, reason);
        var (code, stdout, stderr) = PythonPeer.Run(PydicomCompare, [source, output], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, stderr);
        Assert.Equal("compared", stdout.Trim());
    }
}
