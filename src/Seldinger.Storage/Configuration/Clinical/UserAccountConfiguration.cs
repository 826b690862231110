using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Seldinger.Storage.Entities;

namespace Seldinger.Storage.Configuration.Clinical;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.UserName).HasMaxLength(64);
        builder.HasIndex(u => u.UserName).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.PasswordHash).HasMaxLength(400);
        // Unique when set: both providers treat NULLs as distinct in a unique index.
        builder.Property(u => u.ExternalSubject).HasMaxLength(255);
        builder.HasIndex(u => u.ExternalSubject).IsUnique();
        builder.Property(u => u.Version).IsConcurrencyToken();
    }
}
