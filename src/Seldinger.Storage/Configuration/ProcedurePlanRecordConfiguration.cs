using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Storage.Entities;

namespace Seldinger.Storage.Configuration;

internal sealed class ProcedurePlanRecordConfiguration : IEntityTypeConfiguration<ProcedurePlanRecord>
{
    public void Configure(EntityTypeBuilder<ProcedurePlanRecord> builder)
    {
        builder.ToTable("procedure_plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ProcedureId).HasMaxLength(80);
        builder.Property(p => p.Planner).HasMaxLength(40);
        builder.Property(p => p.Method).HasMaxLength(20);
        builder.Property(p => p.SeriesInstanceUid).HasMaxLength(64);
        builder.Property(p => p.LabelsDigest).HasMaxLength(64);
        builder.Property(p => p.CatalogueDigest).HasMaxLength(64);
        builder.HasIndex(p => new { p.CaseId, p.CreatedAt });
    }
}
