using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>Looks for a text in what the database engine keeps, below the application: file bytes (SQLite) or every row of every table (PostgreSQL).</summary>
public static class RawDatabase
{
    public static async Task<bool> ContainsAsync(MentorCloudFactory factory, string text, CancellationToken cancellationToken) =>
        factory.Database.Provider switch
        {
            "Sqlite" => await SqliteFilesContainAsync(new SqliteConnectionStringBuilder(factory.ConnectionString).DataSource, text, cancellationToken),
            "PostgreSql" => await PostgresRowsContainAsync(factory.ConnectionString, text, cancellationToken),
            var provider => throw new NotSupportedException(provider),
        };

    /// <summary>The stored text of the current version of one archive section of a student, as the database holds it.</summary>
    public static async Task<string?> StoredSectionAsync(MentorCloudFactory factory, Guid studentId, string section, CancellationToken cancellationToken)
    {
        await using var connection = factory.Database.Provider == "Sqlite"
            ? (System.Data.Common.DbConnection)new SqliteConnection(factory.ConnectionString)
            : new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e."Content" FROM "ArchiveEntries" e JOIN "StudentArchives" a ON a."Id" = e."ArchiveId"
            WHERE a."StudentId" = @student AND e."Section" = @section ORDER BY e."Version" DESC LIMIT 1
            """;
        var student = command.CreateParameter();
        student.ParameterName = "student";
        // EF Core's SQLite provider keeps GUIDs as upper-case text.
        student.Value = factory.Database.Provider == "Sqlite" ? studentId.ToString().ToUpperInvariant() : studentId;
        command.Parameters.Add(student);
        var name = command.CreateParameter();
        name.ParameterName = "section";
        name.Value = section;
        command.Parameters.Add(name);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Runs one statement below the application and returns its first value; GUID and date parameters are written as each engine keeps them.</summary>
    public static async Task<object?> ScalarAsync(MentorCloudFactory factory, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var sqlite = factory.Database.Provider == "Sqlite";
        await using var connection = sqlite ? (System.Data.Common.DbConnection)new SqliteConnection(factory.ConnectionString) : new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = (sqlite, value) switch
            {
                (true, Guid id) => id.ToString().ToUpperInvariant(),
                (true, DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ => value,
            };
            command.Parameters.Add(parameter);
        }
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<bool> SqliteFilesContainAsync(string path, string text, CancellationToken cancellationToken)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var file in new[] { path, path + "-wal", path + "-journal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            if (copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(needle) >= 0) return true;
        }
        return false;
    }

    private static async Task<bool> PostgresRowsContainAsync(string connectionString, string text, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) tables.Add(reader.GetString(0));
        foreach (var table in tables)
        {
            await using var find = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table} t WHERE strpos(t::text, @text) > 0)", connection);
            find.Parameters.AddWithValue("text", text);
            if ((bool)(await find.ExecuteScalarAsync(cancellationToken))!) return true;
        }
        return false;
    }
}
