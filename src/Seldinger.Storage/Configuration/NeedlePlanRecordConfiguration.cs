using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Storage.Entities;

namespace Seldinger.Storage.Configuration;

internal sealed class NeedlePlanRecordConfiguration : IEntityTypeConfiguration<NeedlePlanRecord>
{
    public void Configure(EntityTypeBuilder<NeedlePlanRecord> builder)
    {
        builder.ToTable("needle_plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Method).HasMaxLength(20);
        builder.HasIndex(p => new { p.CaseId, p.CreatedAt });
    }
}
