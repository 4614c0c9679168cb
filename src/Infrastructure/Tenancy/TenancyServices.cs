using MentorCloud.Application.Common.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Tenancy;

public static class TenancyServices
{
    /// <summary>The configured database servers.</summary>
    public static IServiceCollection AddDedicatedDatabases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenancyOptions>().Bind(configuration.GetSection(TenancyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TenancyOptions>, TenancyOptionsValidator>();
        services.AddSingleton<IDatabaseServers, ConfiguredDatabaseServers>();
        return services;
    }
}
