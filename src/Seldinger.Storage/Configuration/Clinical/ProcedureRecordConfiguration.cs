using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class ProcedureRecordConfiguration : IEntityTypeConfiguration<ProcedureRecord>
{
    public void Configure(EntityTypeBuilder<ProcedureRecord> builder)
    {
        builder.ToTable("procedure_records");
        builder.HasKey(p => p.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(p => p.ReferralId).OnDelete(DeleteBehavior.Cascade);
        // One record per referral: two people starting it at once must not create two.
        builder.HasIndex(p => p.ReferralId).IsUnique();
        builder.HasOne<Appointment>().WithMany().HasForeignKey(p => p.AppointmentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => p.StartedAt);
        builder.Property(p => p.ProcedureId).HasMaxLength(80);
        builder.Property(p => p.ContrastAgent).HasMaxLength(200);
        builder.Property(p => p.Findings).HasMaxLength(8000);
        builder.Property(p => p.Specimens).HasMaxLength(2000);
        builder.Property(p => p.SignedBy).HasMaxLength(200);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.ContrastMlPerKg);
        builder.OwnsOne(p => p.TimeOut, t =>
        {
            t.Property(c => c.CompletedBy).HasMaxLength(200);
            t.Ignore(c => c.AllConfirmed);
        });
        builder.Navigation(p => p.TimeOut).IsRequired();
        // Operators, devices and doses are only ever read with their record: one JSON column each.
        builder.OwnsMany(p => p.Operators, o => o.ToJson("Operators"));
        builder.OwnsMany(p => p.Devices, d => d.ToJson("Devices"));
        builder.OwnsMany(p => p.SedationDoses, s => s.ToJson("SedationDoses"));
    }
}
