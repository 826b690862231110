using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Seldinger.Storage.Internal;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSeldingerDbContext>
{
    public SqliteSeldingerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSeldingerDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSeldingerDbContext>
{
    public PostgresSeldingerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSeldingerDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
