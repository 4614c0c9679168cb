using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Auditing;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// An audited read's entries are written with plain inserts instead of a save (<see cref="RowInsert"/>): each column
/// must be stored exactly as a save stores it, under the school's tenant, and several entries commit together or not at all.
/// </summary>
public abstract class AppendedRowsTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{
    private readonly TenantInfo _tenant = NewTenant();

    private AsyncServiceScope Scope() => Database.Services.GetRequiredService<ITenantScopeFactory>().CreateScope(_tenant);

    private static readonly (Guid Actor, Guid Subject, Guid Student) Ids = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());

    internal static AuditEntry Entry(string action) => new(
        new DateTimeOffset(2026, 12, 3, 1, 30, 15, 123, TimeSpan.Zero), Ids.Actor, "王老师", action, "StudentArchive", Ids.Subject,
        """{"what":"档案"}""", Ids.Student, new AuditOrigin("Mentor,HeadTeacher", "10.0.0.7", "Mozilla/5.0"), "Assessment");

    [Fact]
    public async Task An_audited_reads_entry_is_stored_column_for_column_as_a_save_stores_it()
    {
        var action = $"t.{Guid.NewGuid():N}"[..30];
        // The same values apart from the id: one through a save, one as an audited read records it.
        var (saved, inserted) = (Entry(action), Entry(action));
        await using (var write = Scope())
        {
            write.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditEntries.Add(saved);
            await write.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }
        await using (var read = Scope())
        {
            var db = read.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.AuditEntries.Add(inserted);
            await read.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveRecordsOnlyAsync(Ct);
            db.ChangeTracker.Entries().ShouldBeEmpty();
        }

        await using var check = Scope();
        var db2 = check.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var rows = await StoredRowsAsync(db2, action);
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(row => row.Count > 10);
        rows[0].Remove("Id").ShouldBeTrue();
        rows[1].Remove("Id").ShouldBeTrue();
        rows[1].ShouldBe(rows[0]);
        var stored = await db2.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == inserted.Id, Ct);
        stored.ShouldBeEquivalentTo(inserted);
    }

    [Fact]
    public async Task Several_entries_commit_together_or_not_at_all()
    {
        var action = $"t.{Guid.NewGuid():N}"[..30];
        // A row without its action breaks the column's NOT NULL after the first row was inserted.
        var broken = (AuditEntry)Activator.CreateInstance(typeof(AuditEntry), BindingFlags.NonPublic | BindingFlags.Instance, null, [Guid.CreateVersion7()], null)!;
        await using (var read = Scope())
        {
            var db = read.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.AuditEntries.AddRange(Entry(action), broken);
            await Should.ThrowAsync<DbException>(() => read.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveRecordsOnlyAsync(Ct));
        }
        await using (var check = Scope())
            (await check.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditEntries.CountAsync(a => a.Action == action, Ct)).ShouldBe(0);

        await using (var read = Scope())
        {
            read.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditEntries.AddRange(Entry(action), Entry(action));
            await read.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveRecordsOnlyAsync(Ct);
        }
        await using var after = Scope();
        (await after.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditEntries.CountAsync(a => a.Action == action, Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task An_entry_of_another_school_is_refused_and_nothing_is_written()
    {
        var action = $"t.{Guid.NewGuid():N}"[..30];
        await using (var read = Scope())
        {
            var db = read.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.Entry(db.AuditEntries.Add(Entry(action)).Entity).Property<Guid>(ApplicationDbContext.TenantIdProperty).CurrentValue = Guid.CreateVersion7();
            await Should.ThrowAsync<CrossTenantWriteException>(() => read.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveRecordsOnlyAsync(Ct));
        }
        await using var check = Scope();
        var stored = await check.ServiceProvider.GetRequiredService<ApplicationDbContext>().AuditEntries
            .IgnoreQueryFilters([ApplicationDbContext.TenantFilter]).CountAsync(a => a.Action == action, Ct);
        stored.ShouldBe(0);
    }

    /// <summary>Every column of the entries with this action, as the driver reads them, in the order they were written.</summary>
    private static async Task<List<Dictionary<string, object?>>> StoredRowsAsync(ApplicationDbContext db, string action)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT * FROM "AuditEntries" WHERE "Action" = @action""";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "action";
            parameter.Value = action;
            command.Parameters.Add(parameter);
            var rows = new List<Dictionary<string, object?>>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
                rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
            return rows.OrderBy(r => r["Id"]!.ToString()).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

public sealed class AppendedRowsTestsOnSqlite(SqliteDatabase database) : AppendedRowsTests<SqliteDatabase>(database);

public sealed class AppendedRowsTestsOnPostgres(PostgresDatabase database) : AppendedRowsTests<PostgresDatabase>(database);

/// <summary>
/// SQL Server is not run here. The command its insert would send is built as <see cref="RowInsert"/> builds it, and
/// checked against the table that SQL Server's model (and so its migrations) creates.
/// </summary>
public sealed partial class AppendedRowsOnSqlServerTests
{
    [Fact]
    public void An_entrys_insert_names_every_column_of_its_table_with_sql_servers_types()
    {
        using var context = new SqlServerApplicationFactory().CreateDbContext([]);
        var entry = AppendedRowsTests<SqliteDatabase>.Entry("archive.read");
        var row = context.Add(entry);
        var tenant = Guid.CreateVersion7();
        row.Property<Guid>(ApplicationDbContext.TenantIdProperty).CurrentValue = tenant;

        var (statement, values) = RowInsert.Prepare(context, row);
        using var command = (SqlCommand)statement.CreateDbCommand(
            new RelationalCommandParameterObject(context.GetService<IRelationalConnection>(), values, null, context, null),
            Guid.NewGuid(), DbCommandMethod.ExecuteNonQuery);

        var match = Insert().Match(command.CommandText);
        match.Success.ShouldBeTrue(command.CommandText);
        var names = match.Groups["columns"].Value.Split(", ").Select(c => c.Trim('[', ']')).ToList();
        var placeholders = match.Groups["values"].Value.Split(", ");
        var table = context.GetService<IDesignTimeModel>().Model.GetRelationalModel().FindTable("AuditEntries", null)!;
        names.ShouldBe(table.Columns.Select(c => c.Name), ignoreOrder: true);
        placeholders.ShouldBe(command.Parameters.Cast<SqlParameter>().Select(p => p.ParameterName));

        var parameters = names.Zip(command.Parameters.Cast<SqlParameter>()).ToDictionary(p => p.First, p => p.Second);
        foreach (var column in table.Columns)
            column.StoreType.ShouldStartWith(parameters[column.Name].SqlDbType.ToString(), Case.Insensitive, column.Name);
        parameters["TenantId"].Value.ShouldBe(tenant);
        parameters["At"].SqlDbType.ShouldBe(SqlDbType.DateTimeOffset);
        parameters["At"].Value.ShouldBe(entry.At);
        parameters["Action"].Value.ShouldBe("archive.read");
        parameters["Action"].Size.ShouldBe(60);
        parameters["Details"].Value.ShouldBe(entry.Details);
    }

    [GeneratedRegex(@"^INSERT INTO \[AuditEntries\] \((?<columns>[^)]+)\) VALUES \((?<values>[^)]+)\);$")]
    private static partial Regex Insert();
}
