using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Seldinger.Storage;

/// <summary>Registers the store for a provider.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider's context and exposes it as <see cref="SeldingerDbContext"/> (scoped),
    /// with the <see cref="ClinicalStore"/> over it (scoped).
    /// </summary>
    public static IServiceCollection AddSeldingerStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                services.AddDbContext<SqliteSeldingerDbContext>(o => o.UseSqlite(options.EffectiveConnectionString));
                services.AddScoped<SeldingerDbContext>(sp => sp.GetRequiredService<SqliteSeldingerDbContext>());
                break;
            case StorageProvider.Postgres:
                services.AddDbContext<PostgresSeldingerDbContext>(o => o.UseNpgsql(options.EffectiveConnectionString));
                services.AddScoped<SeldingerDbContext>(sp => sp.GetRequiredService<PostgresSeldingerDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Unknown storage provider {options.Provider}.");
        }

        services.TryAddScoped<ClinicalStore>();
        return services;
    }
}
