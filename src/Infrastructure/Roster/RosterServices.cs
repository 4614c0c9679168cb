using MentorCloud.Application.Roster;
using MentorCloud.Infrastructure.Roster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Beside AddInfrastructure, so registering the roster services takes one line there.
namespace MentorCloud.Infrastructure;

public static class RosterServices
{
    /// <summary>Reading and writing roster files, with the limits of <c>Roster:*</c>.</summary>
    public static IServiceCollection AddRoster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RosterOptions>()
            .Bind(configuration.GetSection(RosterOptions.Section))
            .Validate(o => o.MaxUploadBytes > 0 && o.MaxRowsPerSheet > 0 && o.MaxUnpackedBytes > 0 && o.MaxCompressionRatio > 0 && o.MaxZipEntries > 0,
                "Roster:MaxUploadBytes, MaxRowsPerSheet, MaxUnpackedBytes, MaxCompressionRatio and MaxZipEntries must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IRosterFileReader, RosterFileReader>();
        services.AddSingleton<IRosterTemplateWriter, RosterTemplateWriter>();
        return services;
    }
}
