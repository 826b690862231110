using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Storage.Entities;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.UserName).HasMaxLength(64);
        builder.Property(a => a.Role).HasMaxLength(40);
        builder.Property(a => a.Action).HasMaxLength(20);
        builder.Property(a => a.ResourceType).HasMaxLength(60);
        builder.Property(a => a.ResourceId).HasMaxLength(100);
        builder.Property(a => a.Method).HasMaxLength(16);
        builder.Property(a => a.Path).HasMaxLength(2000);
        builder.Property(a => a.RemoteAddress).HasMaxLength(64);
        builder.Property(a => a.Detail).HasMaxLength(4000);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.UserName, a.At });
        builder.HasIndex(a => new { a.PatientId, a.At });
    }
}
