using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Seldinger.Storage.Entities;
using Seldinger.Storage.Internal;

namespace Seldinger.Storage;

/// <summary>
/// The embedded single-machine store (SQLite), in write-ahead-log mode with synchronous=FULL so that
/// an acknowledged save survives a killed process or a power cut. Clinical times are stored as UTC
/// ticks and read back as UTC.
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

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // The clinical tables, accounts and audit trail store instants (UTC ticks), which sort and
        // compare as time does; the imaging tables keep the packed format their data was written in.
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            var type = entityType.ClrType;
            if (type.Namespace?.StartsWith("Seldinger.Clinical", StringComparison.Ordinal) != true
                && type != typeof(UserAccount) && type != typeof(AuditEntry))
            {
                continue;
            }

            foreach (var property in entityType.GetProperties())
            {
                if (property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?))
                {
                    property.SetValueConverter(UtcTicksConverter.Instance);
                }
            }
        }
    }
}
