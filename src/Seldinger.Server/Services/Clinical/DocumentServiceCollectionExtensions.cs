namespace Seldinger.Server.Services.Clinical;

/// <summary>Registers the document services.</summary>
public static class DocumentServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DocumentService"/> with <see cref="DocumentOptions"/> read from configuration, and the service's
    /// time zone (<see cref="SiteTimeOptions"/> and its <see cref="Seldinger.Clinical.Scheduling.SiteTime"/>).
    /// </summary>
    public static IServiceCollection AddDocumentServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The service's one time zone: the pages, the schedule and the documents all read it from here.
        var site = SiteTimeOptions.Read(configuration);
        services.AddSingleton(site);
        services.AddSingleton(site.Clock);
        services.AddSingleton(DocumentOptions.Read(configuration, site));
        services.AddScoped<DocumentService>();
        return services;
    }
}
