using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Patients;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class AllergyConfiguration : IEntityTypeConfiguration<Allergy>
{
    public void Configure(EntityTypeBuilder<Allergy> builder)
    {
        builder.ToTable("allergies");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Substance).HasMaxLength(200);
        builder.Property(a => a.Reaction).HasMaxLength(1000);
    }
}
