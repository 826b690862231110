using System.Diagnostics;

namespace Seldinger.Dicom.Tests;

/// <summary>Corrupt and truncated input gives a located <see cref="DicomFileException"/>, never another exception or a hang.</summary>
public class DicomReaderRobustnessTests
{
    [SkippableFact]
    public void Read_CTSmallCutAtRandomOffsets_ThrowsLocatedFileException()
    {
        Skip.IfNot(File.Exists(TestFiles.Corpus("CT_small.dcm")), "pydicom's test files are not installed");
        var bytes = File.ReadAllBytes(TestFiles.Corpus("CT_small.dcm"));
        var random = new Random(20240611);
        int[] fixedCuts = [1, 100, 131, 132, 140, 500, 1000, bytes.Length - 1];
        var cuts = fixedCuts.Concat(Enumerable.Range(0, 40).Select(_ => random.Next(1, bytes.Length))).ToArray();

        foreach (var cut in cuts)
        {
            var e = Assert.Throws<DicomFileException>(() =>
            {
                var file = DicomFile.Read(new MemoryStream(bytes, 0, cut), name: "CT_small.dcm");
                Assert.Fail($"cut at {cut} read {file.Dataset.Count} elements");
            });

            Assert.InRange(e.Offset, 0, cut);
            Assert.StartsWith($"CT_small.dcm: byte {e.Offset}: ", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [SkippableTheory]
    [InlineData("MR_truncated.dcm")]
    [InlineData("rtplan_truncated.dcm")]
    public void Open_CorpusTruncatedFile_ThrowsLocatedFileException(string name)
    {
        var path = TestFiles.Corpus(name);
        Skip.IfNot(File.Exists(path), "pydicom's test files are not installed");

        var e = Assert.Throws<DicomFileException>(() => DicomFile.Open(path));

        Assert.Equal(path, e.FilePath);
        Assert.InRange(e.Offset, 0, new FileInfo(path).Length);
        Assert.StartsWith(name + ": byte ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeDeclaredLength_ThrowsWithoutAllocating()
    {
        var bytes = DicomFile.Create(TestFiles.SmallImage(), TransferSyntax.ExplicitVRLittleEndian).ToArray();
        // The pixel data element is last: (7FE0,0010) OW 00 00, then a 32-bit length.
        var lengthOffset = bytes.Length - 12 - 4;
        BitConverter.TryWriteBytes(bytes.AsSpan(lengthOffset), 0xFFFFFFF0u);

        var e = Assert.Throws<DicomFileException>(() => DicomFile.Read(new MemoryStream(bytes)));

        Assert.Contains("declares 4294967280 bytes but only 12 remain", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RandomMutationsOfSmallFile_OnlyDicomExceptionsOrSuccess()
    {
        var original = DicomFile.Create(TestFiles.SmallImage(), TransferSyntax.ExplicitVRLittleEndian).ToArray();
        var implicitOriginal = DicomFile.Create(TestFiles.SmallImage(), TransferSyntax.ImplicitVRLittleEndian).ToArray();
        var random = new Random(7);
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < 3000; round++)
        {
            var source = round % 2 == 0 ? original : implicitOriginal;
            var bytes = (byte[])source.Clone();
            var length = bytes.Length;
            switch (random.Next(4))
            {
                case 0:
                    for (var k = random.Next(1, 5); k > 0; k--)
                    {
                        bytes[random.Next(132, bytes.Length)] = (byte)random.Next(256);
                    }

                    break;
                case 1:
                    bytes[random.Next(132, bytes.Length)] = 0xFF;
                    bytes[random.Next(132, bytes.Length)] = 0xFF;
                    break;
                case 2:
                    length = random.Next(0, bytes.Length);
                    break;
                default:
                    var at = random.Next(132, bytes.Length - 4);
                    BitConverter.TryWriteBytes(bytes.AsSpan(at), random.Next() % 3 == 0 ? 0xFFFFFFFFu : (uint)random.Next());
                    break;
            }

            try
            {
                var file = DicomFile.Read(new MemoryStream(bytes, 0, length));
                _ = DicomDump.ToText(file);
                _ = DicomJsonModel.ToJson(file.Dataset);
                _ = file.ToArray();
            }
            catch (DicomException)
            {
                // Expected for corrupt input.
            }
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"3000 mutations took {watch.Elapsed}");
    }
}
