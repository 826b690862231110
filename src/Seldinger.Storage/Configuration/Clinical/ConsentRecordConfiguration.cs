using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Referrals;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.ToTable("consents");
        builder.HasKey(c => c.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(c => c.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.GivenBy).HasMaxLength(200);
        builder.Property(c => c.Relationship).HasMaxLength(80);
        builder.Property(c => c.Interpreter).HasMaxLength(200);
        builder.Property(c => c.RecordedBy).HasMaxLength(200);
        builder.HasIndex(c => c.ReferralId);
    }
}
