using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class LabResultConfiguration : IEntityTypeConfiguration<LabResult>
{
    public void Configure(EntityTypeBuilder<LabResult> builder)
    {
        builder.ToTable("lab_results");
        builder.HasKey(l => l.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(l => l.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.RecordedBy).HasMaxLength(200);
        builder.HasIndex(l => new { l.PatientId, l.CollectedAt });
    }
}
