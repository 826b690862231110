using Microsoft.EntityFrameworkCore;
using Seldinger.Storage.Entities;

namespace Seldinger.Storage;

/// <summary>
/// The relational store shared by every provider. Each provider has a subclass so that its
/// migrations live apart (<see cref="SqliteSeldingerDbContext"/>, <see cref="PostgresSeldingerDbContext"/>).
/// </summary>
public abstract class SeldingerDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Patient cases.</summary>
    public DbSet<PatientCase> Cases => Set<PatientCase>();

    /// <summary>Stored image series.</summary>
    public DbSet<ImageSeries> Series => Set<ImageSeries>();

    /// <summary>Stored image instances.</summary>
    public DbSet<ImageInstance> Instances => Set<ImageInstance>();

    /// <summary>Needle plans.</summary>
    public DbSet<NeedlePlanRecord> NeedlePlans => Set<NeedlePlanRecord>();

    /// <summary>Procedure plans (any procedure of the catalogue).</summary>
    public DbSet<ProcedurePlanRecord> ProcedurePlans => Set<ProcedurePlanRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SeldingerDbContext).Assembly);
    }
}
