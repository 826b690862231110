using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Patients;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("patients");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.MedicalRecordNumber).HasMaxLength(64);
        builder.HasIndex(p => p.MedicalRecordNumber).IsUnique();
        builder.Property(p => p.FamilyName).HasMaxLength(200);
        builder.Property(p => p.GivenName).HasMaxLength(200);
        builder.Property(p => p.Notes).HasMaxLength(4000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.FamilyName, p.GivenName });
        builder.HasMany(p => p.Guardians).WithOne().HasForeignKey(g => g.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Measurements).WithOne().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Allergies).WithOne().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}
