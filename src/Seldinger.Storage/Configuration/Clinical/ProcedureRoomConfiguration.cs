using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class ProcedureRoomConfiguration : IEntityTypeConfiguration<ProcedureRoom>
{
    public void Configure(EntityTypeBuilder<ProcedureRoom> builder)
    {
        builder.ToTable("rooms");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(120);
        builder.HasIndex(r => r.Name).IsUnique();
        // A short comma list of names ("Ultrasound,Fluoroscopy") reads well in the table and needs no join.
        builder.Property(r => r.Modalities)
            .HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<GuidanceModality>).ToList(),
                new ValueComparer<List<GuidanceModality>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, m) => HashCode.Combine(h, m)),
                    v => v.ToList()))
            .HasMaxLength(200);
    }
}
