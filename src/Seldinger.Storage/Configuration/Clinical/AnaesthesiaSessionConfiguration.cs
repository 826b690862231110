using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Scheduling;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class AnaesthesiaSessionConfiguration : IEntityTypeConfiguration<AnaesthesiaSession>
{
    public void Configure(EntityTypeBuilder<AnaesthesiaSession> builder)
    {
        builder.ToTable("anaesthesia_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Note).HasMaxLength(1000);
        builder.HasIndex(s => s.Start);
    }
}
