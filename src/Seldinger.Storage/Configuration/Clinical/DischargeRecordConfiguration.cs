using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class DischargeRecordConfiguration : IEntityTypeConfiguration<DischargeRecord>
{
    public void Configure(EntityTypeBuilder<DischargeRecord> builder)
    {
        builder.ToTable("discharges");
        builder.HasKey(d => d.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(d => d.ReferralId).OnDelete(DeleteBehavior.Cascade);
        // One discharge per referral: two people discharging at once must not create two.
        builder.HasIndex(d => d.ReferralId).IsUnique();
        builder.Property(d => d.AdmissionReason).HasMaxLength(2000);
        builder.Property(d => d.ReleasedTo).HasMaxLength(200);
        builder.Property(d => d.DischargedBy).HasMaxLength(200);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasIndex(d => d.At);
    }
}
