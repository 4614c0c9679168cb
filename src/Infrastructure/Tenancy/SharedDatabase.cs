using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.Tenancy;

/// <summary>
/// The shared database: the catalog and every school without a dedicated one. A request that failed with a database error
/// while it does not answer is the database's outage, not a fault of the request (503 with <c>Retry-After</c>, not 500).
/// </summary>
public sealed class SharedDatabase(IServiceScopeFactory scopes)
{
    /// <summary>
    /// True when the failure came from a database driver and either the driver calls it transient (a connection refused or
    /// broken, also the first use of a pooled connection after the server restarted) or the shared database does not answer now.
    /// </summary>
    public async Task<bool> IsDownAsync(Exception failure, CancellationToken cancellationToken)
    {
        if (!DatabaseFailures.IsDatabaseFailure(failure)) return false;
        if (DatabaseFailures.IsTransient(failure)) return true;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return !await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (DatabaseFailures.IsDatabaseFailure(ex))
        {
            return true;
        }
    }
}
