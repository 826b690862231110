using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Seldinger.Storage.Internal;

namespace Seldinger.Storage;

/// <summary>
/// The embedded single-machine store (SQLite), in write-ahead-log mode with synchronous=FULL so that
/// an acknowledged save survives a killed process or a power cut.
/// </summary>
public sealed class SqliteSeldingerDbContext(DbContextOptions<SqliteSeldingerDbContext> options)
    : SeldingerDbContext(options)
{
    /// <inheritdoc />
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        optionsBuilder.AddInterceptors(SqliteDurabilityInterceptor.Instance);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no timestamp type that sorts with an offset; store UTC ticks so ORDER BY works.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
