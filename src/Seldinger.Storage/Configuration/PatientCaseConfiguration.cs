using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Storage.Entities;

namespace Seldinger.Storage.Configuration;

internal sealed class PatientCaseConfiguration : IEntityTypeConfiguration<PatientCase>
{
    public void Configure(EntityTypeBuilder<PatientCase> builder)
    {
        builder.ToTable("cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.PatientId).HasMaxLength(64);
        builder.Property(c => c.PatientName).HasMaxLength(324);
        builder.Property(c => c.Procedure).HasMaxLength(200);
        builder.Property(c => c.Indication).HasMaxLength(2000);
        builder.Property(c => c.Status).HasMaxLength(40);
        builder.Property(c => c.SeriesInstanceUid).HasMaxLength(64);
        builder.HasOne(c => c.Series).WithMany().HasForeignKey(c => c.SeriesInstanceUid);
        builder.Property(c => c.LibraryCase).HasMaxLength(80);
        builder.HasMany(c => c.ProcedurePlans).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Plans).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.PatientId);
        builder.HasIndex(c => c.CreatedAt);
    }
}
