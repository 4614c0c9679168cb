using System.Data.Common;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Tenancy;

/// <summary>
/// While the shared database is known not to answer (<see cref="DatabaseAvailability.SharedAvailable"/>), a context on the
/// scope's shared connection does not try to connect: it fails at once with 503 and <c>Retry-After</c>, until the
/// re-check finds the database answering again. A school's dedicated database is left alone.
/// </summary>
public sealed class SharedDatabaseGuard(DatabaseAvailability availability, IOptions<TenancyOptions> tenancy) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        ThrowWhileDown(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        ThrowWhileDown(eventData);
        return ValueTask.FromResult(result);
    }

    private void ThrowWhileDown(ConnectionEventData eventData)
    {
        if (!availability.SharedAvailable && eventData.Context is PooledDbContext { OnSharedDatabase: true })
            throw DatabaseUnavailableException.Known(Messages.DatabaseUnavailableDetail, tenancy.Value.RetryInterval);
    }
}
