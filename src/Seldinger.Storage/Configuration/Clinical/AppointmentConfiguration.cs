using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("appointments");
        builder.HasKey(a => a.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(a => a.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProcedureRoom>().WithMany().HasForeignKey(a => a.RoomId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.BookedBy).HasMaxLength(200);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.End);
        builder.HasIndex(a => new { a.RoomId, a.Start });
        builder.HasIndex(a => new { a.PatientId, a.Start });
        builder.HasIndex(a => a.ReferralId);
    }
}
