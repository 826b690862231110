using SharpFuzz;

namespace Seldinger.Dicom.Fuzz;

/// <summary>
/// The DICOM reader's fuzz harness.
/// <list type="bullet">
/// <item><c>afl [--round-trip]</c>: the afl-fuzz target (SharpFuzz persistent mode), fed on standard input.</item>
/// <item><c>replay [--round-trip] PATH...</c>: runs files or folders in-process with the same checks, one line each
/// (<c>OK</c>, <c>FINDING</c> with the exception, <c>HANG</c>) and a <c>SIGNATURE name TAB path</c> line per finding; exit 1 on a finding.</item>
/// <item><c>seeds DIR</c>: writes the generated seed corpus.</item>
/// </list>
/// </summary>
internal static class Program
{
    private const int StackBytes = 8 << 20;

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            return Usage();
        }

        switch (args[0])
        {
            case "afl":
                var roundTrip = args.Contains("--round-trip");
                var buffer = new byte[1 << 20];
                Fuzzer.Run(stream =>
                {
                    var length = ReadAll(stream, ref buffer);
                    FuzzTarget.Run(buffer, length, FuzzBounds.Default, roundTrip);
                });
                return 0;
            case "replay" when args.Length > 1:
                return Replay(args.Skip(1).Where(a => a != "--round-trip"), args.Contains("--round-trip"));
            case "seeds" when args.Length == 2:
                Console.WriteLine($"wrote {SeedCorpus.WriteTo(args[1])} seeds to {args[1]}");
                return 0;
            default:
                return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Seldinger.Dicom.Fuzz afl [--round-trip] | replay [--round-trip] FILE|DIR... | seeds DIR");
        return 2;
    }

    private static int ReadAll(Stream stream, ref byte[] buffer)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var n = stream.Read(buffer, length, buffer.Length - length);
            if (n == 0)
            {
                return length;
            }

            length += n;
        }
    }

    /// <summary>
    /// What tells one bug from another across inputs: the exception type and the innermost method
    /// of our code it was thrown from (bound findings: the stage and the bound that broke).
    /// </summary>
    private static string Signature(Exception failure)
    {
        if (failure is FuzzFindingException)
        {
            var message = failure.Message;
            var stage = message.Split(':')[0];
            var kind = message.Contains(": allocated", StringComparison.Ordinal) ? "allocation " + stage
                : message.Contains(": took", StringComparison.Ordinal) ? "time " + stage
                : "round-trip " + (message.Contains("does not read back", StringComparison.Ordinal) ? "unreadable " : "elements lost ") + message.Split(',', ' ')[2..6].Aggregate((a, b) => a + " " + b);
            return $"{nameof(FuzzFindingException)}@{kind}";
        }

        var frame = new System.Diagnostics.StackTrace(failure, false).GetFrames()
            .Select(f => f.GetMethod())
            .FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("Seldinger.Dicom", StringComparison.Ordinal) == true);
        return $"{failure.GetType().Name}@{frame?.DeclaringType?.Name}.{frame?.Name}";
    }

    private static int Replay(IEnumerable<string> paths, bool roundTrip)
    {
        var files = paths.SelectMany<string, string>(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [p]).ToList();
        var findings = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            Exception? failure = null;
            // The same stack as afl mode's main thread, and a wall-clock guard for hangs.
            var thread = new Thread(() =>
            {
                try
                {
                    FuzzTarget.Run(bytes, bytes.Length, FuzzBounds.Default, roundTrip);
                }
#pragma warning disable CA1031 // Any exception here is the finding being reported.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = e;
                }
            }, StackBytes)
            { IsBackground = true };
            thread.Start();
            if (!thread.Join(FuzzBounds.Default.TimePerInput * 5))
            {
                Console.WriteLine($"HANG    {file}");
                Console.WriteLine($"SIGNATURE hang\t{file}");
                findings++;
                continue;
            }

            if (failure is not null)
            {
                findings++;
                Console.WriteLine($"FINDING {file}: {failure.GetType().Name}: {failure.Message}");
                Console.WriteLine($"SIGNATURE {Signature(failure)}\t{file}");
            }
            else
            {
                Console.WriteLine($"OK      {file}");
            }
        }

        Console.WriteLine($"replayed {files.Count} inputs, {findings} findings");
        return findings == 0 ? 0 : 1;
    }
}
