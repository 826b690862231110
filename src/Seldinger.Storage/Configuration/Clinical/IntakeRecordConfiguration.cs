using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Referrals;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class IntakeRecordConfiguration : IEntityTypeConfiguration<IntakeRecord>
{
    public void Configure(EntityTypeBuilder<IntakeRecord> builder)
    {
        builder.ToTable("intakes");
        builder.HasKey(i => i.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(i => i.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.RecordedBy).HasMaxLength(200);
        builder.HasIndex(i => i.ReferralId);
    }
}
