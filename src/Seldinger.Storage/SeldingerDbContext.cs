using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Seldinger.Clinical;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Storage.Entities;
using Seldinger.Storage.Internal;

namespace Seldinger.Storage;

/// <summary>
/// The relational store shared by every provider. Each provider has a subclass so that its
/// migrations live apart (<see cref="SqliteSeldingerDbContext"/>, <see cref="PostgresSeldingerDbContext"/>).
/// </summary>
/// <remarks>
/// Saving increments <see cref="IVersionedRecord.Version"/> of every changed versioned record (the
/// version is a concurrency token, so a save from an older version fails) and refuses to change or
/// remove an <see cref="AuditEntry"/>.
/// </remarks>
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

    /// <summary>Children known to the service.</summary>
    public DbSet<Patient> Patients => Set<Patient>();

    /// <summary>Parents and legal guardians.</summary>
    public DbSet<Guardian> Guardians => Set<Guardian>();

    /// <summary>Weights and heights.</summary>
    public DbSet<BodyMeasurement> BodyMeasurements => Set<BodyMeasurement>();

    /// <summary>Allergies.</summary>
    public DbSet<Allergy> Allergies => Set<Allergy>();

    /// <summary>Requests for a procedure.</summary>
    public DbSet<Referral> Referrals => Set<Referral>();

    /// <summary>The history of each referral.</summary>
    public DbSet<ReferralEvent> ReferralEvents => Set<ReferralEvent>();

    /// <summary>Procedure rooms.</summary>
    public DbSet<ProcedureRoom> Rooms => Set<ProcedureRoom>();

    /// <summary>Bookings.</summary>
    public DbSet<Appointment> Appointments => Set<Appointment>();

    /// <summary>Times when anaesthesia teams are available.</summary>
    public DbSet<AnaesthesiaSession> AnaesthesiaSessions => Set<AnaesthesiaSession>();

    /// <summary>Laboratory results.</summary>
    public DbSet<LabResult> LabResults => Set<LabResult>();

    /// <summary>The children's drugs.</summary>
    public DbSet<MedicationRecord> Medications => Set<MedicationRecord>();

    /// <summary>Last food and drink before a procedure.</summary>
    public DbSet<IntakeRecord> Intakes => Set<IntakeRecord>();

    /// <summary>Consents and assent.</summary>
    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();

    /// <summary>Pre-procedure assessments.</summary>
    public DbSet<PreProcedureAssessment> Assessments => Set<PreProcedureAssessment>();

    /// <summary>Procedure records.</summary>
    public DbSet<ProcedureRecord> ProcedureRecords => Set<ProcedureRecord>();

    /// <summary>Adverse events.</summary>
    public DbSet<AdverseEventRecord> AdverseEvents => Set<AdverseEventRecord>();

    /// <summary>Vital signs.</summary>
    public DbSet<VitalSigns> VitalSigns => Set<VitalSigns>();

    /// <summary>Discharges.</summary>
    public DbSet<DischargeRecord> Discharges => Set<DischargeRecord>();

    /// <summary>Follow-up tasks.</summary>
    public DbSet<FollowUpTask> FollowUps => Set<FollowUpTask>();

    /// <summary>Staff accounts.</summary>
    public DbSet<UserAccount> Users => Set<UserAccount>();

    /// <summary>The audit trail (append-only).</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var bumped = PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch
        {
            Restore(bumped);
            throw;
        }
    }

    /// <inheritdoc />
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var bumped = PrepareSave();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Restore(bumped);
            throw;
        }
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        ClinicalConventions.Apply(configurationBuilder);
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SeldingerDbContext).Assembly);
    }

    // Returns the versioned entries whose Version was raised, with the value before, so that a failed
    // save leaves the objects as they were and the caller can retry or reload.
    private List<(EntityEntry Entry, int Before)> PrepareSave()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit trail is append-only: an audit entry cannot be changed or removed.");
            }
        }

        var changedOwners = OwnersOfChangedDependents();
        var bumped = new List<(EntityEntry Entry, int Before)>();
        foreach (var entry in ChangeTracker.Entries<IVersionedRecord>())
        {
            if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && changedOwners.Contains(entry.Entity)))
            {
                var version = entry.Property(e => e.Version);
                bumped.Add((entry, version.CurrentValue));
                // Setting the value marks only Version modified, so an owner whose owned part
                // changed is updated without rewriting its other columns.
                version.CurrentValue = version.OriginalValue + 1;
            }
        }

        return bumped;
    }

    // A change inside an owned part (the time-out checklist, the devices of a procedure) is a change
    // of the record that owns it, so its version must move too.
    private HashSet<object> OwnersOfChangedDependents()
    {
        var owners = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var entries = ChangeTracker.Entries().ToList();
        Dictionary<(IEntityType, object), EntityEntry>? byKey = null;
        foreach (var entry in entries)
        {
            if (!entry.Metadata.IsOwned() || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            // Indexed once, and only when an owned part changed: a large save stays linear.
            byKey ??= IndexBySingleKey(entries);
            var current = entry;
            while (current is not null && current.Metadata.IsOwned())
            {
                current = FindOwner(byKey, current);
            }

            if (current is not null)
            {
                owners.Add(current.Entity);
            }
        }

        return owners;
    }

    private static Dictionary<(IEntityType, object), EntityEntry> IndexBySingleKey(List<EntityEntry> entries)
    {
        var index = new Dictionary<(IEntityType, object), EntityEntry>();
        foreach (var entry in entries)
        {
            if (entry.Metadata.FindPrimaryKey()?.Properties is [var key] && entry.Property(key.Name).CurrentValue is { } value)
            {
                index[(entry.Metadata, value)] = entry;
            }
        }

        return index;
    }

    private static EntityEntry? FindOwner(Dictionary<(IEntityType, object), EntityEntry> byKey, EntityEntry dependent)
    {
        if (dependent.Metadata.FindOwnership() is not { Properties: [var foreignKey] } ownership)
        {
            return null;
        }

        var property = dependent.Property(foreignKey.Name);
        var value = dependent.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
        return value is not null && byKey.TryGetValue((ownership.PrincipalEntityType, value), out var owner) ? owner : null;
    }

    private static void Restore(List<(EntityEntry Entry, int Before)> bumped)
    {
        foreach (var (entry, before) in bumped)
        {
            entry.Property(nameof(IVersionedRecord.Version)).CurrentValue = before;
        }
    }
}
