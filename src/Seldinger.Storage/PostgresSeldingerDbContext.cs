using Microsoft.EntityFrameworkCore;

namespace Seldinger.Storage;

/// <summary>The hospital-network store (PostgreSQL).</summary>
public sealed class PostgresSeldingerDbContext(DbContextOptions<PostgresSeldingerDbContext> options)
    : SeldingerDbContext(options);
