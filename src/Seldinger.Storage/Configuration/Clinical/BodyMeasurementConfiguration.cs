using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Patients;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class BodyMeasurementConfiguration : IEntityTypeConfiguration<BodyMeasurement>
{
    public void Configure(EntityTypeBuilder<BodyMeasurement> builder)
    {
        builder.ToTable("body_measurements");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.RecordedBy).HasMaxLength(200);
        builder.HasIndex(m => new { m.PatientId, m.MeasuredAt });
    }
}
