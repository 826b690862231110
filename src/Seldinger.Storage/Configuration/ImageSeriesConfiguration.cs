using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Storage.Entities;

namespace Seldinger.Storage.Configuration;

internal sealed class ImageSeriesConfiguration : IEntityTypeConfiguration<ImageSeries>
{
    public void Configure(EntityTypeBuilder<ImageSeries> builder)
    {
        builder.ToTable("series");
        builder.HasKey(s => s.SeriesInstanceUid);
        builder.Property(s => s.SeriesInstanceUid).HasMaxLength(64);
        builder.Property(s => s.StudyInstanceUid).HasMaxLength(64);
        builder.Property(s => s.PatientId).HasMaxLength(64);
        builder.Property(s => s.Modality).HasMaxLength(16);
        builder.Property(s => s.Description).HasMaxLength(64);
        builder.Property(s => s.StoragePath).HasMaxLength(512);
        builder.Property(s => s.LabelMapPath).HasMaxLength(512);
        builder.HasMany(s => s.Instances).WithOne().HasForeignKey(i => i.SeriesInstanceUid).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.StudyInstanceUid);
    }
}
