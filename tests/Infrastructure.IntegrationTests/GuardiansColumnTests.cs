using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// A student's guardians are one JSON value in the <c>Guardians</c> column: rows stored before, when the guardians
/// were owned entities mapped to JSON, read unchanged, and the migration turns a NULL column into an empty list.
/// </summary>
public abstract class GuardiansColumnTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{
    /// <summary>Runs <paramref name="work"/> on the school's context in a scope of its own.</summary>
    private async Task<T> InSchoolAsync<T>(TenantInfo tenant, Func<ApplicationDbContext, Task<T>> work)
    {
        await using var scope = Database.Services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant);
        return await work(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    private static async Task<Guid> AddStudentAsync(ApplicationDbContext db, params Guardian[] guardians)
    {
        var teacher = db.Add(new Teacher("王老师", $"T-{Guid.NewGuid():N}"[..12], [])).Entity;
        var schoolClass = db.Add(new SchoolClass($"{Guid.NewGuid():N}"[..8], 7, 2026, teacher.Id)).Entity;
        var student = db.Add(new Student("李同学", $"S-{Guid.NewGuid():N}"[..12], schoolClass.Id, Gender.Female, null, guardians)).Entity;
        await db.SaveChangesAsync(Ct);
        return student.Id;
    }

    private Task<IReadOnlyList<Guardian>> GuardiansOfAsync(TenantInfo tenant, Guid studentId) =>
        InSchoolAsync(tenant, async db => (await db.Students.AsNoTracking().SingleAsync(s => s.Id == studentId, Ct)).Guardians);

    private Task<int> UpdateGuardiansAsync(TenantInfo tenant, Guid studentId, Func<IReadOnlyList<Guardian>, IEnumerable<Guardian>> change) =>
        InSchoolAsync(tenant, async db =>
        {
            var student = await db.Students.SingleAsync(s => s.Id == studentId, Ct);
            student.Update(student.Name, student.Gender, student.BirthDate, change(student.Guardians));
            return await db.SaveChangesAsync(Ct);
        });

    [Fact]
    public async Task Guardians_stored_as_owned_entities_before_read_unchanged()
    {
        var tenant = NewTenant();
        var studentId = await InSchoolAsync(tenant, async db =>
        {
            var id = await AddStudentAsync(db);
            // As the owned-entity mapping wrote them: its own key order, non-ASCII escaped, a phone that is null.
            var sql = db.Database.IsNpgsql()
                ? """UPDATE "Students" SET "Guardians" = CAST({0} AS jsonb) WHERE "Id" = {1}"""
                : """UPDATE "Students" SET "Guardians" = {0} WHERE "Id" = {1}""";
            await db.Database.ExecuteSqlRawAsync(sql,
                ["""[{"Name":"\u738B\u5EFA\u56FD","Phone":"13812345678","Relation":"\u7236\u4EB2"},{"Name":"刘芳","Phone":null,"Relation":"母亲"}]""", id],
                Ct);
            return id;
        });

        (await GuardiansOfAsync(tenant, studentId)).ShouldBe([new Guardian("王建国", "父亲", "13812345678"), new Guardian("刘芳", "母亲", null)]);
    }

    [Fact]
    public async Task Changed_guardians_are_saved_and_none_are_stored_as_an_empty_array()
    {
        var tenant = NewTenant();
        var studentId = await InSchoolAsync(tenant, db => AddStudentAsync(db, new Guardian("李家长", "母亲", null)));
        (await GuardiansOfAsync(tenant, studentId)).ShouldBe([new Guardian("李家长", "母亲", null)]);

        (await UpdateGuardiansAsync(tenant, studentId, guardians => [.. guardians, new Guardian("李爸爸", "父亲", "13900000000")])).ShouldBe(1);
        (await GuardiansOfAsync(tenant, studentId)).ShouldBe([new Guardian("李家长", "母亲", null), new Guardian("李爸爸", "父亲", "13900000000")]);

        (await UpdateGuardiansAsync(tenant, studentId, _ => [])).ShouldBe(1);
        (await InSchoolAsync(tenant, db => db.Database.SqlQueryRaw<string>("""SELECT "Guardians" AS "Value" FROM "Students" WHERE "Id" = {0}""", studentId)
            .SingleAsync(Ct))).ShouldBe("[]");
        (await GuardiansOfAsync(tenant, studentId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_migration_turns_a_student_without_guardians_stored_as_null_into_an_empty_list()
    {
        var tenant = NewTenant(Database.Server.NewDatabase());
        var (withGuardian, withNull) = await InSchoolAsync(tenant, async db =>
        {
            await db.Database.MigrateAsync(Ct);
            var guarded = await AddStudentAsync(db, new Guardian("李家长", "母亲", null));
            var unguarded = await AddStudentAsync(db);

            var migrations = db.Database.GetMigrations().ToList();
            var migration = migrations.Single(m => m.EndsWith("_GuardiansAsOneValue", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[migrations.IndexOf(migration) - 1], Ct);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Students" SET "Guardians" = NULL WHERE "Id" = {0}""", [unguarded], Ct);
            await migrator.MigrateAsync(cancellationToken: Ct);
            (await db.Database.GetPendingMigrationsAsync(Ct)).ShouldBeEmpty();
            return (guarded, unguarded);
        });

        (await GuardiansOfAsync(tenant, withNull)).ShouldBeEmpty();
        (await GuardiansOfAsync(tenant, withGuardian)).ShouldBe([new Guardian("李家长", "母亲", null)]);
    }
}

public sealed class GuardiansColumnTestsOnSqlite(SqliteDatabase database) : GuardiansColumnTests<SqliteDatabase>(database);

public sealed class GuardiansColumnTestsOnPostgres(PostgresDatabase database) : GuardiansColumnTests<PostgresDatabase>(database);
