using Mediator;
using MentorCloud.Application;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Roster;
using MentorCloud.Application.Roster.Commands.ImportRoster;
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
/// The real Application pipeline and Infrastructure (MiniExcel reader, EF Core) on a fresh SQLite database holding
/// one provisioned school, importing as that school's admin.
/// </summary>
internal sealed class RosterImportHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TenantInfo _tenant;
    private readonly string _databaseFile;

    private RosterImportHarness(ServiceProvider services, TenantInfo tenant, string databaseFile)
    {
        _services = services;
        _tenant = tenant;
        _databaseFile = databaseFile;
    }

    public static async Task<RosterImportHarness> CreateAsync()
    {
        var databaseFile = Path.Combine(Path.GetTempPath(), $"mentorcloud-bench-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Default"] = $"Data Source={databaseFile}",
            ["Jwt:SigningKey"] = "benchmark-signing-key-0123456789abcdef0123456789",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddApplication();
        services.AddInfrastructure(configuration, new HostingEnvironment { EnvironmentName = "Benchmark", ContentRootPath = Path.GetTempPath() });
        services.AddScoped<ICurrentUser, BenchmarkSchoolAdmin>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        TenantInfo tenant;
        await using (var scope = provider.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            await catalog.Database.MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.MigrateAsync();

            var now = DateTimeOffset.UtcNow;
            var district = new District("bench", "基准测试区", now);
            var school = new School(district.Id, "bench-school", "基准测试学校", null, now);
            catalog.Districts.Add(district);
            catalog.Schools.Add(school);
            await catalog.SaveChangesAsync();
            tenant = new TenantInfo(school.Id, school.Code, school.Name, district.Id, district.Code, null);
            await scope.ServiceProvider.GetRequiredService<ITenantProvisioner>().ProvisionAsync(tenant, CancellationToken.None);
        }
        return new RosterImportHarness(provider, tenant, databaseFile);
    }

    public async Task<RosterImportResult> ImportAsync(byte[] workbook, bool dryRun = false)
    {
        await using var scope = _services.GetRequiredService<ITenantScopeFactory>().CreateScope(_tenant);
        using var content = new MemoryStream(workbook, writable: false);
        var command = new ImportRosterCommand(new RosterUpload("roster.xlsx", workbook.Length, content), DryRun: dryRun);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databaseFile);
    }

    private sealed class BenchmarkSchoolAdmin : ICurrentUser
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
