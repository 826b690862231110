using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Seldinger.Storage;

/// <summary>The embedded single-machine store (SQLite).</summary>
public sealed class SqliteSeldingerDbContext(DbContextOptions<SqliteSeldingerDbContext> options)
    : SeldingerDbContext(options)
{
    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no timestamp type that sorts with an offset; store UTC ticks so ORDER BY works.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
