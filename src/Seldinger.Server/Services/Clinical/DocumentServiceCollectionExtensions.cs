namespace Seldinger.Server.Services.Clinical;

/// <summary>Registers the document services.</summary>
public static class DocumentServiceCollectionExtensions
{
    /// <summary>Adds <see cref="DocumentService"/> with <see cref="DocumentOptions"/> read from configuration.</summary>
    public static IServiceCollection AddDocumentServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(DocumentOptions.Read(configuration));
        services.AddScoped<DocumentService>();
        return services;
    }
}
