using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Patients;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class GuardianConfiguration : IEntityTypeConfiguration<Guardian>
{
    public void Configure(EntityTypeBuilder<Guardian> builder)
    {
        builder.ToTable("guardians");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.Property(g => g.Relationship).HasMaxLength(80);
        builder.Property(g => g.Phone).HasMaxLength(40);
    }
}
