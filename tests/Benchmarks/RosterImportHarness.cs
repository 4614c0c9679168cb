using Mediator;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Roster;
using MentorCloud.Application.Roster.Commands.ImportRoster;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

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
        var provider = BenchmarkHost.BuildAsSchoolAdmin("Sqlite", $"Data Source={databaseFile}");
        var tenant = await BenchmarkHost.ProvisionSchoolAsync(provider);
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
}
