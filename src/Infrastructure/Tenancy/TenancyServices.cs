using MentorCloud.Application.Common.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Tenancy;

public static class TenancyServices
{
    /// <summary>The configured database servers, which databases answer, their re-check and health checks.</summary>
    public static IServiceCollection AddDedicatedDatabases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenancyOptions>().Bind(configuration.GetSection(TenancyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TenancyOptions>, TenancyOptionsValidator>();
        services.AddSingleton<IDatabaseServers, ConfiguredDatabaseServers>();
        services.AddSingleton<DatabaseAvailability>();
        services.AddSingleton<ITenantAvailability>(sp => sp.GetRequiredService<DatabaseAvailability>());
        services.AddSingleton<TenantDatabases>();
        services.AddSingleton<SharedDatabaseGuard>();
        services.AddHostedService<TenantDatabaseMonitor>();
        services.AddHealthChecks()
            .AddCheck<SharedDatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<SchoolDatabasesHealthCheck>("school-databases", tags: ["ready"]);
        return services;
    }
}
