using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Referrals;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class AdverseEventRecordConfiguration : IEntityTypeConfiguration<AdverseEventRecord>
{
    public void Configure(EntityTypeBuilder<AdverseEventRecord> builder)
    {
        builder.ToTable("adverse_events");
        builder.HasKey(a => a.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(a => a.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.Property(a => a.Management).HasMaxLength(4000);
        builder.Property(a => a.RecordedBy).HasMaxLength(200);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => a.ReferralId);
        builder.HasIndex(a => a.OnsetAt);
    }
}
