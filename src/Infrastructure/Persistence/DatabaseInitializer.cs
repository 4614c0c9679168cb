using System.Security.Cryptography;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// Start-up work: migrate the catalog, the shared school database and every dedicated one (a dedicated database that
/// fails leaves its school unavailable, not the service); create the platform admin from <c>Bootstrap:PlatformAdmin:*</c>
/// when none exists; seed demo data when <c>Demo:Seed</c>.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    TenantDatabases tenantDatabases,
    IOptions<DatabaseOptions> database,
    IOptions<TenancyOptions> tenancy,
    IConfiguration configuration,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Reading the settings validates them: a misconfigured database server stops the start before any database is touched.
        _ = tenancy.Value;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var catalog = services.GetRequiredService<CatalogDbContext>();

        if (database.Value.MigrateOnStartup)
            await MigrateAllAsync(catalog, services.GetRequiredService<ApplicationDbContext>(), services.GetRequiredService<ITenantStore>(), cancellationToken);

        await EnsurePlatformAdminAsync(catalog, services.GetRequiredService<IIdentityService>(), cancellationToken);

        if (configuration.GetValue<bool>("Demo:Seed"))
            await services.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
    }

    /// <summary>
    /// The <c>migrate</c> command: migrates the catalog, the shared school database and every dedicated one, whatever
    /// <c>Database:MigrateOnStartup</c> says; returns how many dedicated databases could not be migrated. A catalog or
    /// shared database that cannot be migrated throws.
    /// </summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        _ = tenancy.Value;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return await MigrateAllAsync(services.GetRequiredService<CatalogDbContext>(), services.GetRequiredService<ApplicationDbContext>(),
            services.GetRequiredService<ITenantStore>(), cancellationToken);
    }

    private async Task<int> MigrateAllAsync(CatalogDbContext catalog, ApplicationDbContext shared, ITenantStore store, CancellationToken cancellationToken)
    {
        await catalog.Database.MigrateAsync(cancellationToken);
        await shared.Database.MigrateAsync(cancellationToken);
        if (catalog.Database.IsSqlite())
        {
            // Write-ahead logging: readers do not wait for writers, and a commit costs one sync instead of two.
            await catalog.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var failed = 0;
        foreach (var tenant in await store.WithDedicatedDatabaseAsync(cancellationToken))
            if (!await tenantDatabases.TryMigrateAsync(tenant, cancellationToken)) failed++;
        return failed;
    }

    private async Task EnsurePlatformAdminAsync(CatalogDbContext catalog, IIdentityService identity, CancellationToken cancellationToken)
    {
        var admins = await catalog.Users.AsNoTracking().Select(u => u.Roles).ToListAsync(cancellationToken);
        if (admins.Any(roles => roles.Contains(Roles.PlatformAdmin))) return;

        var username = configuration["Bootstrap:PlatformAdmin:Username"] is { Length: > 0 } name ? name : "platform";
        var password = configuration["Bootstrap:PlatformAdmin:Password"];
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = "Pa1-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', '_').Replace('+', '-');

        identity.CreateUser(new NewUser(username, password!, "Platform administrator", [Roles.PlatformAdmin]));
        try
        {
            await catalog.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UnitOfWork.IsUniqueViolation(ex))
        {
            // Another replica starting at the same moment created it first.
            logger.LogInformation("Platform admin '{Username}' was created by another instance.", username);
            return;
        }
        if (generated)
        {
            // Shown once to whoever started the process, never to the log sinks, which keep and ship what they get.
            await Console.Error.WriteLineAsync($"Created platform admin '{username}' with the generated password {password} (shown only now). Change it, or set Bootstrap:PlatformAdmin:Password.");
            logger.LogWarning("Created platform admin '{Username}' with a generated password, written once to standard error.", username);
        }
        else
            logger.LogInformation("Created platform admin '{Username}' from Bootstrap:PlatformAdmin.", username);
    }
}
