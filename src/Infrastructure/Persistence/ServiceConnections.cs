using System.Collections.Concurrent;
using System.Data.Common;
using Npgsql;

namespace MentorCloud.Infrastructure.Persistence;

/// <summary>
/// The connection string the service's own contexts open, for the default database and for a school's dedicated one.
/// On PostgreSQL three settings are added unless the configured string sets them itself:
/// <list type="bullet">
/// <item><c>Max Auto Prepare</c>: a statement a connection has run five times is prepared on the server, so it is
/// parsed and planned once instead of on every request.</item>
/// <item><c>No Reset On Close</c>: a connection going back to the pool keeps its session as it is, instead of making the
/// server run a reset before the next statement. The service keeps no state in a session: no <c>SET</c>, temporary
/// tables, <c>LISTEN</c>, cursors or session locks; a transaction left open is still rolled back when the connection
/// returns to the pool.</item>
/// <item><c>Multiplexing</c>: commands of many requests share a few physical connections and go out together, so
/// a request's statement costs no socket round trip of its own. A multiplexed connection runs asynchronous commands
/// only; the data-protection key ring, which is read and written synchronously, has its own context and connections
/// (<see cref="KeyRingDbContext"/>).</item>
/// </list>
/// The job storage and the key ring keep the configured string as it is. Other providers' strings are returned unchanged.
/// </summary>
public static class ServiceConnections
{
    /// <summary>Statements each connection keeps prepared; the least recently used gives way to a new one.</summary>
    public const int MaxAutoPrepare = 64;

    private static readonly ConcurrentDictionary<string, string> Tuned = new(StringComparer.Ordinal);

    public static string For(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.PostgreSql ? Tuned.GetOrAdd(connectionString, TunePostgreSql) : connectionString;

    private static string TunePostgreSql(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains(nameof(builder.MaxAutoPrepare))) builder.MaxAutoPrepare = MaxAutoPrepare;
        if (!given.Contains(nameof(builder.NoResetOnClose))) builder.NoResetOnClose = true;
        if (!given.Contains(nameof(builder.Multiplexing))) builder.Multiplexing = true;
        return builder.ConnectionString;
    }
}
