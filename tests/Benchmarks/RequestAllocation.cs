using System.Globalization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

namespace MentorCloud.Benchmarks;

/// <summary>
/// Bytes allocated by the persistence side of one students-list request: a new scope, the school found through the tenant
/// store, the scope's tenant set, the caller's login read from the catalog, then a page of students (count and 20 rows)
/// read through the school's context. Runs on a temporary SQLite file seeded with the demo school; the figure is
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/> over N requests after a warm-up, divided by N.
/// <c>dotnet run -c Release --project tests/Benchmarks -- request-alloc [--requests 2000]</c>
/// </summary>
public static class RequestAllocation
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Contains("--requests") ? int.Parse(args[Array.IndexOf(args, "--requests") + 1], CultureInfo.InvariantCulture) : 2000;
        var file = Path.Combine(Path.GetTempPath(), $"mc_request_alloc_{Guid.NewGuid():N}.db");
        try
        {
            await using var provider = BenchmarkHost.Build("Sqlite", $"Data Source={file}", "Development", new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
            await provider.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);
            await using (var scope = provider.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);

            var rows = 0;
            for (var i = 0; i < 200; i++) rows += await OneRequestAsync(provider);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < requests; i++) rows += await OneRequestAsync(provider);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Console.WriteLine(Invariant($"{requests} requests, {rows / (requests + 200)} students per page: {allocated / (double)requests / 1024:F1} KB allocated per request ({allocated / requests:N0} bytes)"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var leftover in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*")) File.Delete(leftover);
        }
    }

    private static async Task<int> OneRequestAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var tenant = await services.GetRequiredService<ITenantStore>().FindByIdentifierAsync(DemoSeeder.SchoolCode, CancellationToken.None)
            ?? throw new InvalidOperationException("The demo school is missing.");
        services.GetRequiredService<TenantContext>().Set(tenant);
        var catalog = services.GetRequiredService<CatalogDbContext>();
        if (!await catalog.Users.AsNoTracking().AnyAsync(u => u.Username == DemoSeeder.SchoolAdmin)) throw new InvalidOperationException("The demo admin is missing.");
        var db = services.GetRequiredService<ApplicationDbContext>();
        var students = db.Students.AsNoTracking().Where(s => s.IsActive);
        var total = await students.CountAsync();
        var page = await students.OrderBy(s => s.StudentNo).Skip(20).Take(20).ToListAsync();
        return total > 0 ? page.Count : throw new InvalidOperationException("The demo school has no students.");
    }
}
