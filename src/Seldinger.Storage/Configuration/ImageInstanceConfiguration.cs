using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Storage.Entities;

namespace Seldinger.Storage.Configuration;

internal sealed class ImageInstanceConfiguration : IEntityTypeConfiguration<ImageInstance>
{
    public void Configure(EntityTypeBuilder<ImageInstance> builder)
    {
        builder.ToTable("instances");
        builder.HasKey(i => i.SopInstanceUid);
        builder.Property(i => i.SopInstanceUid).HasMaxLength(64);
        builder.Property(i => i.SeriesInstanceUid).HasMaxLength(64);
        builder.Property(i => i.RelativePath).HasMaxLength(512);
        builder.HasIndex(i => i.SeriesInstanceUid);
    }
}
