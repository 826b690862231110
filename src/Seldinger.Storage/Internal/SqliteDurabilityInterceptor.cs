using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Seldinger.Storage.Internal;

// Every SQLite connection runs in write-ahead-log mode with synchronous=FULL: a commit returns only
// once the log is flushed to disk, so an acknowledged write survives a killed process and a power
// cut. (WAL with NORMAL survives a killed process but may lose the last commits on power loss.)
// synchronous is a per-connection setting that the connection string cannot carry, hence here.
internal sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";

    public static SqliteDurabilityInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
