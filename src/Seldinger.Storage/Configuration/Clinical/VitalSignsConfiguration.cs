using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class VitalSignsConfiguration : IEntityTypeConfiguration<VitalSigns>
{
    public void Configure(EntityTypeBuilder<VitalSigns> builder)
    {
        builder.ToTable("vital_signs");
        builder.HasKey(v => v.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(v => v.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.RecordedBy).HasMaxLength(200);
        builder.HasIndex(v => new { v.ReferralId, v.At });
    }
}
