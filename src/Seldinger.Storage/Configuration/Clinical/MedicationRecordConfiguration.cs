using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class MedicationRecordConfiguration : IEntityTypeConfiguration<MedicationRecord>
{
    public void Configure(EntityTypeBuilder<MedicationRecord> builder)
    {
        builder.ToTable("medications");
        builder.HasKey(m => m.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Drug).HasMaxLength(200);
        builder.Property(m => m.Dose).HasMaxLength(200);
        builder.HasIndex(m => m.PatientId);
    }
}
