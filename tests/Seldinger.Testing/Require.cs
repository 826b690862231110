using Xunit;

namespace Seldinger.Testing;

/// <summary>
/// Skips the calling [SkippableFact] with the reason when a peer is missing. ./test installs every
/// peer, so under ./test (and CI) these never skip.
/// </summary>
public static class Require
{
    private static readonly Lazy<string?> PydicomReason = new(() => PythonPeer.PydicomUnavailableReason);

    public static void Pydicom()
    {
        var reason = PydicomReason.Value;
        Skip.If(reason is not null, reason);
    }

    public static void Postgres()
    {
        var reason = TestDatabases.PostgresUnavailableReason;
        Skip.If(reason is not null, reason);
    }

    public static void File(string path, string why) => Skip.IfNot(System.IO.File.Exists(path), $"{path} is missing; {why}");
}
