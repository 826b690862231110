using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Referrals;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("referrals");
        builder.HasKey(r => r.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.ReferringClinician).HasMaxLength(200);
        builder.Property(r => r.ReferringService).HasMaxLength(200);
        builder.Property(r => r.Reason).HasMaxLength(4000);
        builder.Property(r => r.Request).HasMaxLength(4000);
        builder.Property(r => r.SuggestedProcedureId).HasMaxLength(80);
        builder.Property(r => r.StudyInstanceUid).HasMaxLength(64);
        builder.Property(r => r.ProcedureId).HasMaxLength(80);
        builder.Property(r => r.TriagedBy).HasMaxLength(200);
        builder.Property(r => r.TriageNote).HasMaxLength(4000);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasMany(r => r.History).WithOne().HasForeignKey(e => e.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.ReferringClinician);
        builder.HasIndex(r => r.SubmittedAt);
        builder.HasIndex(r => r.PatientId);
    }
}
