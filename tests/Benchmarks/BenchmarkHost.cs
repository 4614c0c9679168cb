using MentorCloud.Application;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Schools;
using MentorCloud.Infrastructure;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace MentorCloud.Benchmarks;

/// <summary>
/// The service's own registrations (Application and Infrastructure, as the service makes them) on a database of the
/// benchmark's choosing, and one provisioned school in it with its admin as the caller.
/// </summary>
internal static class BenchmarkHost
{
    /// <summary>The services on <paramref name="connectionString"/>; <paramref name="settings"/> add to or replace the defaults.</summary>
    public static ServiceProvider Build(string provider, string connectionString, string environment = "Benchmark",
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Default"] = connectionString,
            ["Jwt:SigningKey"] = "benchmark-signing-key-0123456789abcdef0123456789",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddApplication();
        services.AddInfrastructure(configuration, new HostingEnvironment { EnvironmentName = environment, ContentRootPath = Path.GetTempPath() });
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The services of <see cref="Build"/> with <see cref="SchoolAdmin"/> as the caller.</summary>
    public static ServiceProvider BuildAsSchoolAdmin(string provider, string connectionString) =>
        Build(provider, connectionString, configure: services => services.AddScoped<ICurrentUser, SchoolAdmin>());

    /// <summary>Migrates both contexts and provisions the school <c>bench-school</c> of the district <c>bench</c>.</summary>
    public static async Task<TenantInfo> ProvisionSchoolAsync(IServiceProvider services) =>
        (await ProvisionSchoolsAsync(services, ("bench-school", "基准测试学校")))[0];

    /// <summary>
    /// Migrates both contexts and provisions the schools, of the district <c>bench</c>, through the catalog and the real
    /// provisioning (each school's default policy).
    /// </summary>
    public static async Task<List<TenantInfo>> ProvisionSchoolsAsync(IServiceProvider services, params (string Code, string Name)[] schools)
    {
        await using var scope = services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await catalog.Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.MigrateAsync();
        var now = DateTimeOffset.UtcNow;
        var district = new District("bench", "基准测试区", now);
        catalog.Districts.Add(district);
        var rows = schools.Select(s => new School(district.Id, s.Code, s.Name, null, now)).ToList();
        catalog.Schools.AddRange(rows);
        await catalog.SaveChangesAsync();
        var tenants = rows.Select(s => TenantInfo.For(s, district)).ToList();
        var provisioner = scope.ServiceProvider.GetRequiredService<ITenantProvisioner>();
        foreach (var tenant in tenants) await provisioner.ProvisionAsync(tenant, CancellationToken.None);
        return tenants;
    }

    /// <summary>The admin of the provisioned school.</summary>
    private sealed class SchoolAdmin : ICurrentUser
    {
        public bool IsAuthenticated => true;
        public Guid? UserId { get; } = Guid.CreateVersion7();
        public string? Username => "bench-admin";
        public IReadOnlyCollection<string> Roles { get; } = [Application.Common.Security.Roles.SchoolAdmin];
        public string? DistrictCode => "bench";
        public string? SchoolCode => "bench-school";
        public Guid? TeacherId => null;
        public Guid? StudentId => null;
    }
}
