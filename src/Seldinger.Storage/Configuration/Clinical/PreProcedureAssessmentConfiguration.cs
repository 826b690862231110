using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Referrals;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class PreProcedureAssessmentConfiguration : IEntityTypeConfiguration<PreProcedureAssessment>
{
    public void Configure(EntityTypeBuilder<PreProcedureAssessment> builder)
    {
        builder.ToTable("assessments");
        builder.HasKey(a => a.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(a => a.ReferralId).OnDelete(DeleteBehavior.Cascade);
        // One assessment per referral: two people starting it at once must not create two.
        builder.HasIndex(a => a.ReferralId).IsUnique();
        builder.Property(a => a.AirwayNotes).HasMaxLength(4000);
        builder.Property(a => a.AllergyPremedication).HasMaxLength(2000);
        builder.Property(a => a.AssessedBy).HasMaxLength(200);
        builder.Property(a => a.Version).IsConcurrencyToken();
    }
}
