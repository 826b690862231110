using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> builder)
    {
        builder.ToTable("follow_ups");
        builder.HasKey(f => f.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(f => f.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(f => f.Description).HasMaxLength(2000);
        builder.Property(f => f.AssignedTo).HasMaxLength(200);
        builder.Property(f => f.Note).HasMaxLength(4000);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasIndex(f => f.ReferralId);
        builder.HasIndex(f => new { f.Status, f.Due });
    }
}
