using Microsoft.Extensions.DependencyInjection.Extensions;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>Registers the clinical services (one per area, scoped to a request) for the API and the pages.</summary>
public static class ClinicalServiceCollectionExtensions
{
    /// <summary>Adds the clinical services; the store, the current user and the audit trail are registered elsewhere.</summary>
    public static IServiceCollection AddClinicalServices(this IServiceCollection services)
    {
        services.TryAddScoped<ClinicalStore>();
        services.AddScoped<PatientService>();
        services.AddScoped<ReferralService>();
        services.AddScoped<SchedulingService>();
        services.AddScoped<EpisodeService>();
        services.AddScoped<PreparationService>();
        services.AddScoped<ProcedureRecordService>();
        services.AddScoped<AdverseEventService>();
        services.AddScoped<RecoveryService>();
        services.AddScoped<FollowUpService>();
        return services;
    }
}
