using Microsoft.EntityFrameworkCore;
using Seldinger.Storage.Internal;

namespace Seldinger.Storage;

/// <summary>The hospital-network store (PostgreSQL).</summary>
public sealed class PostgresSeldingerDbContext(DbContextOptions<PostgresSeldingerDbContext> options)
    : SeldingerDbContext(options)
{
    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
