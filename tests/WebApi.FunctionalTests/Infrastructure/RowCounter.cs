using System.Data.Common;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>Row counts of every table of the catalog and the shared school database, read in one query on one open connection.</summary>
public sealed class RowCounter : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly DbConnection _connection;
    private readonly string _sql;

    private RowCounter(AsyncServiceScope scope, DbConnection connection, string sql) => (_scope, _connection, _sql) = (scope, connection, sql);

    public IReadOnlyList<string> Tables { get; private init; } = [];

    public static async Task<RowCounter> OpenAsync(MentorCloudFactory factory, CancellationToken cancellationToken)
    {
        var scope = factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var school = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var tables = catalog.Model.GetEntityTypes().Concat(school.Model.GetEntityTypes())
            .Where(t => t.GetTableName() is not null)
            .Select(t => t.GetSchema() is { } schema ? $"\"{schema}\".\"{t.GetTableName()}\"" : $"\"{t.GetTableName()}\"")
            .Distinct().Order().ToList();
        var sql = string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t.Replace("\"", "")}', COUNT(*) FROM {t}"));
        // A connection of our own, so the app's connections are never shared with the counter.
        var own = DbProviderFactories.GetFactory(catalog.Database.GetDbConnection())!.CreateConnection()!;
        own.ConnectionString = factory.ConnectionString;
        await own.OpenAsync(cancellationToken);
        return new RowCounter(scope, own, sql) { Tables = tables };
    }

    public async Task<Dictionary<string, long>> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = _sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        return counts;
    }

    /// <summary>The tables whose counts differ, as "table: before → after".</summary>
    public static List<string> Changes(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Where(a => before.GetValueOrDefault(a.Key) != a.Value).Select(a => $"{a.Key}: {before.GetValueOrDefault(a.Key)} → {a.Value}").ToList();

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _scope.DisposeAsync();
    }
}
