using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Seldinger.Server.Endpoints;
using Seldinger.Server.Endpoints.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services;
using Seldinger.Server.Services.Clinical;
using Seldinger.Storage;

namespace Seldinger.Server;

/// <summary>Builds the Seldinger web application: API, OpenAPI document and web UI.</summary>
public static class SeldingerWebApp
{
    /// <summary>Configuration section holding <see cref="StorageOptions"/> values.</summary>
    public const string ConfigurationSection = "Seldinger";

    /// <summary>Registers the server's services on a builder, reading storage settings from configuration.</summary>
    public static WebApplicationBuilder AddSeldinger(this WebApplicationBuilder builder, StorageOptions? storage = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        storage ??= ReadStorageOptions(builder.Configuration);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton(new ProcedureCatalogueSource(() => configuration[ProcedureEndpoints.CatalogueSetting]));
        services.AddSeldingerServices(storage, builder.Configuration.GetValue<long?>($"{ConfigurationSection}:VolumeCacheBytes"));
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Query and route values that do not parse reach BadRequestExceptionHandler, which names the parameter.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddRazorPages();
        builder.AddSeldingerSecurity();
        services.AddDocumentServices(builder.Configuration);
        // Keys for antiforgery tokens live with the data, not in the user's profile.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(storage.DataDirectory, "keys")))
            .SetApplicationName("Seldinger");
        services.Configure<JsonOptions>(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        return builder;
    }

    /// <summary>
    /// The application services without HTTP (store, image store, volume cache, planning, demo), for
    /// the server and for CLI commands that do the same work without serving.
    /// </summary>
    public static IServiceCollection AddSeldingerServices(this IServiceCollection services, StorageOptions storage, long? volumeCacheBytes = null)
    {
        services.AddSingleton(storage);
        services.AddSeldingerStorage(storage);
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache(o => o.SizeLimit = volumeCacheBytes ?? 2L << 30);
        services.AddSingleton<VolumeCache>();
        services.AddSingleton<LabelModels>();
        services.AddScoped<ImageStore>();
        services.AddScoped<CasePlanningService>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<SeriesExports>();
        services.AddScoped<DemoCaseService>();
        services.AddScoped<ImportService>();
        services.TryAddSingleton(new ProcedureCatalogueSource(() => null));
        services.AddScoped<ProcedurePlanService>();
        services.AddSingleton<AblationPlanFiles>().AddScoped<AblationPlanService>().AddScoped<AblationConfirmationService>();
        services.AddScoped<LibraryCaseService>();
        services.AddClinicalServices();
        services.AddScoped<ClinicalDemoSeeder>();
        return services;
    }

    /// <summary>Adds middleware and endpoints.</summary>
    public static WebApplication UseSeldinger(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(SeldingerWebApp).Assembly, "wwwroot"),
        });
        app.UseSeldingerSecurity();
        app.MapOpenApi();
        app.MapCaseEndpoints();
        app.MapSeriesEndpoints();
        app.MapViewEndpoints();
        app.MapImportEndpoints();
        app.MapProcedureEndpoints();
        app.MapLibraryCaseEndpoints();
        app.MapPlanEndpoints();
        app.MapAblationEndpoints();
        app.MapClinicalEndpoints();
        app.MapDocumentEndpoints();
        app.MapFhirEndpoints();
        app.MapQualityEndpoints();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Reads Seldinger:DataDirectory, Seldinger:Provider and Seldinger:ConnectionString.</summary>
    public static StorageOptions ReadStorageOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConfigurationSection);
        return new StorageOptions
        {
            DataDirectory = section["DataDirectory"] ?? DefaultDataDirectory(),
            Provider = section["Provider"] is { } p ? StorageOptions.ParseProvider(p) : StorageProvider.Sqlite,
            ConnectionString = section["ConnectionString"],
        };
    }

    /// <summary>$SELDINGER_DATA, else $XDG_DATA_HOME/seldinger, else ~/.local/share/seldinger.</summary>
    public static string DefaultDataDirectory()
    {
        if (Environment.GetEnvironmentVariable("SELDINGER_DATA") is { Length: > 0 } explicitDir)
        {
            return Path.GetFullPath(explicitDir);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(root, "seldinger");
    }
}
