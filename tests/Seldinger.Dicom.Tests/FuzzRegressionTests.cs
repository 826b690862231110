using System.Buffers.Binary;
using System.Diagnostics;
using Seldinger.Dicom.Fuzz;

namespace Seldinger.Dicom.Tests;

/// <summary>
/// Keeps the fuzzer's findings fixed without afl: every committed seed and regression input under
/// tools/fuzz/ is replayed through the harness's own target (<see cref="FuzzTarget"/>: reader, dump,
/// JSON, getters, pixel decoding and writer, what we write must read back with as many elements),
/// and a seeded structure-aware mutation run hits tags, VRs, lengths and delimiters of the seeds.
/// Open findings (tools/fuzz/regressions/open/, bugs not fixed yet) are replayed too and skipped with
/// what they still do. The bounds are the harness's (<see cref="FuzzBounds.Default"/>).
/// </summary>
public class FuzzRegressionTests
{
    private static readonly TimeSpan TimePerInput = FuzzBounds.Default.TimePerInput;

    private static string FuzzDirectory => Path.Combine(TestFiles.RepositoryRoot, "tools", "fuzz");

    public static TheoryData<string> CommittedInputs()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "seeds", "regressions", Path.Combine("regressions", "open") })
        {
            var dir = Path.Combine(FuzzDirectory, folder);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                data.Add(Path.Combine(folder, Path.GetFileName(file)));
            }
        }

        return data;
    }

    [Fact]
    public void CommittedInputs_SeedsPresent_AtLeastOnePerLayout()
    {
        var seeds = Directory.GetFiles(Path.Combine(FuzzDirectory, "seeds"), "*.dcm");

        Assert.True(seeds.Length >= 10, $"only {seeds.Length} seeds in tools/fuzz/seeds");
        Assert.All(seeds, s => Assert.InRange(new FileInfo(s).Length, 1, 4096));
    }

    [SkippableTheory]
    [MemberData(nameof(CommittedInputs))]
    public void Replay_CommittedInput_OnlyDicomExceptionsWithinBounds(string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(FuzzDirectory, relativePath));

        var failure = RunBounded(bytes, bytes.Length, roundTrip: true);

        var open = relativePath.StartsWith(Path.Combine("regressions", "open"), StringComparison.Ordinal);
        Skip.If(open, failure is null
            ? $"open finding {relativePath} passes now: move it to tools/fuzz/regressions/"
            : $"open finding {relativePath}: {failure}");
        Assert.True(failure is null, $"{relativePath}: {failure}");
    }

    [Fact]
    public void Mutate_StructuredMutationsOfSeeds_OnlyDicomExceptionsWithinBounds()
    {
        var seeds = Directory.GetFiles(Path.Combine(FuzzDirectory, "seeds"), "*.dcm").Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes).ToArray();
        var random = new Random(20250101);
        var watch = Stopwatch.StartNew();
        var rounds = 0;
        var read = 0;
        for (; rounds < 6000 && watch.Elapsed < TimeSpan.FromSeconds(40); rounds++)
        {
            var seed = seeds[random.Next(seeds.Length)];
            var (bytes, length) = Mutate(seed, random);

            var failure = RunBounded(bytes, length, roundTrip: false);

            Assert.True(failure is null, $"round {rounds}: {failure}; input (hex) {Convert.ToHexString(bytes, 0, length)}");
            read++;
        }

        Assert.True(rounds >= 1000, $"only {rounds} mutations ran in {watch.Elapsed}");
    }

    /// <summary>
    /// Mutations that aim at the places a DICOM parser decides on: element headers (tags, VR codes,
    /// 16- and 32-bit lengths), item and sequence delimiters, the meta's transfer syntax, and the end of
    /// the file; plus plain byte flips and splices of two regions.
    /// </summary>
    private static (byte[] Bytes, int Length) Mutate(byte[] seed, Random random)
    {
        var bytes = new byte[seed.Length + 64];
        seed.CopyTo(bytes, 0);
        var length = seed.Length;
        var headers = ElementHeaderOffsets(seed);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            var at = headers.Count > 0 ? headers[random.Next(headers.Count)] : random.Next(length);
            switch (random.Next(9))
            {
                case 0: // 32-bit length field (explicit long VRs, implicit VR, items)
                    WriteUInt32(bytes, Math.Min(at + random.Next(2) * 4 + 4, length - 4), InterestingLength(random, length));
                    break;
                case 1: // 16-bit length of a short explicit VR
                    if (at + 8 <= length)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 6), (ushort)InterestingLength(random, length));
                    }

                    break;
                case 2: // another VR code
                    if (at + 6 <= length)
                    {
                        var vr = VRCodes[random.Next(VRCodes.Length)];
                        bytes[at + 4] = (byte)vr[0];
                        bytes[at + 5] = (byte)vr[1];
                    }

                    break;
                case 3: // the tag becomes an item, item delimiter, sequence delimiter or pixel data
                    WriteUInt32(bytes, at, SpecialTags[random.Next(SpecialTags.Length)]);
                    break;
                case 4: // cut
                    length = random.Next(0, length);
                    break;
                case 5: // byte flips anywhere
                    for (var k = random.Next(1, 8); k > 0 && length > 0; k--)
                    {
                        bytes[random.Next(length)] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 6: // duplicate a region over another one (repeated elements, nested items)
                    if (length > 16)
                    {
                        var from = random.Next(length - 8);
                        var to = random.Next(length - 8);
                        var n = Math.Min(random.Next(8, 128), Math.Min(length - from, length - to));
                        Array.Copy(bytes, from, bytes, to, n);
                    }

                    break;
                case 7: // a group/element swap: odd group (private), group 0002 inside the dataset, group length
                    if (at + 4 <= length)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), random.Next(3) switch { 0 => 0x0009, 1 => 0x0002, _ => 0xFFFE });
                        if (random.Next(2) == 0)
                        {
                            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 2), 0x0000);
                        }
                    }

                    break;
                default: // grow: append bytes copied from the file or zeros
                    var extra = Math.Min(64, bytes.Length - length);
                    for (var i = 0; i < extra; i++)
                    {
                        bytes[length + i] = random.Next(2) == 0 ? (byte)0 : seed[random.Next(seed.Length)];
                    }

                    length += extra;
                    break;
            }
        }

        return (bytes, Math.Max(0, length));
    }

    private static readonly string[] VRCodes =
    [
        "SQ", "UN", "OB", "OW", "UT", "UC", "UR", "OF", "OD", "OL", "OV", "SV", "UV", "AT", "FD", "FL", "US", "SS", "UL", "SL",
        "DS", "IS", "PN", "UI", "CS", "LO", "LT", "ST", "SH", "DA", "TM", "DT", "AS", "AE", "ZZ", "\0\0",
    ];

    private static readonly uint[] SpecialTags = [0xE000FFFE, 0xE00DFFFE, 0xE0DDFFFE, 0x00107FE0, 0x00007FE0, 0x00100002];

    private static uint InterestingLength(Random random, int fileLength) => random.Next(10) switch
    {
        0 => 0,
        1 => 0xFFFFFFFF,
        2 => 0xFFFF,
        3 => 0x7FFFFFFF,
        4 => 0x80000000,
        5 => (uint)random.Next(1, 16) | 1, // odd
        6 => (uint)fileLength,
        7 => (uint)(fileLength + random.Next(1, 8)),
        8 => 0xFFFFFFFE,
        _ => (uint)random.Next(0, 4096),
    };

    private static void WriteUInt32(byte[] bytes, int at, uint value)
    {
        if (at >= 0 && at + 4 <= bytes.Length)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
        }
    }

    /// <summary>Offsets that look like the start of an element header: an even group we know, in either byte order.</summary>
    private static List<int> ElementHeaderOffsets(byte[] bytes)
    {
        var offsets = new List<int>();
        for (var i = 0; i + 8 <= bytes.Length; i += 2)
        {
            var le = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i));
            var be = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i));
            if (le is 0x0002 or 0x0008 or 0x0010 or 0x0018 or 0x0020 or 0x0028 or 0x0009 or 0x7FE0 or 0xFFFE
                || be is 0x0008 or 0x0010 or 0x0020 or 0x0028 or 0x7FE0 or 0xFFFE)
            {
                offsets.Add(i);
            }
        }

        return offsets;
    }

    /// <summary>Runs one input on a thread with an 8 MiB stack and a wall-clock guard; returns the finding or null.</summary>
    private static string? RunBounded(byte[] bytes, int length, bool roundTrip)
    {
        string? failure = null;
        var thread = new Thread(() => failure = RunChecks(bytes, length, roundTrip), 8 << 20) { IsBackground = true };
        thread.Start();
        return thread.Join(TimePerInput * 5) ? failure : $"hang: no answer after {(TimePerInput * 5).TotalSeconds} s";
    }

    /// <summary>The same checks as the afl harness (tools/fuzz), including pixel decoding and the round trip.</summary>
    private static string? RunChecks(byte[] bytes, int length, bool roundTrip)
    {
        try
        {
            FuzzTarget.Run(bytes, length, FuzzBounds.Default, roundTrip);
            return null;
        }
        catch (FuzzFindingException e)
        {
            return e.Message;
        }
#pragma warning disable CA1031 // Any other exception is the finding this test reports.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"{e.GetType().Name}: {e.Message} at {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
        }
    }
}
