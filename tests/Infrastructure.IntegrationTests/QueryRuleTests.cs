using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Semesters;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// The reach rule (R16) is written once and used composed into queries and expanded into compiled ones: both must answer
/// alike, and a composed rule must send its arguments as parameters, so every teacher shares one translated query.
/// </summary>
public abstract class QueryRuleTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly InTerm = new(2026, 10, 15);
    private static readonly DateOnly AfterTerm = new(2027, 2, 15);

    private static readonly Func<DbContext, Guid, DateOnly, IAsyncEnumerable<Guid>> CompiledReach = EF.CompileAsyncQuery(
        QueryRule.Expand((DbContext context, Guid teacherId, DateOnly day) => AccessPolicy.StudentsOfTeacherOn.Invoke(context, teacherId, day).Select(s => s.Id)));

    private AsyncServiceScope As(TenantInfo tenant) => Database.Services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant);

    private sealed record School(Guid HeadTeacher, Guid Mentor, Guid Headed, Guid Mentee, Guid InDraftGroup, Guid Other);

    /// <summary>
    /// A head teacher with one student in their class; a mentor paired with a student of another class in a published
    /// group, with a third in a draft group, and with a fourth in the published group whose pair ended. The semester runs 2026-09-01 to 2027-01-20.
    /// </summary>
    private async Task<School> SeedAsync(TenantInfo tenant)
    {
        await using var scope = As(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var semester = db.Add(new Semester("2026 秋", new DateRange(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 20)))).Entity;
        var headTeacher = db.Add(new Teacher("王老师", "T-001", ["语文"])).Entity;
        var mentor = db.Add(new Teacher("李老师", "T-002", ["数学"])).Entity;
        var headed = db.Add(new SchoolClass("一班", 7, 2026, headTeacher.Id)).Entity;
        var published = db.Add(new SchoolClass("二班", 7, 2026, db.Add(new Teacher("赵老师", "T-003", ["英语"])).Entity.Id)).Entity;
        var draft = db.Add(new SchoolClass("三班", 7, 2026, db.Add(new Teacher("钱老师", "T-004", ["物理"])).Entity.Id)).Entity;
        Student AddStudent(SchoolClass schoolClass, string number) =>
            db.Add(new Student("学生" + number, number, schoolClass.Id, Gender.Female, null, [])).Entity;
        var inHeaded = AddStudent(headed, "S-001");
        var mentee = AddStudent(published, "S-002");
        var inDraft = AddStudent(draft, "S-003");
        var other = AddStudent(published, "S-004");
        var ledger = new MentorLoadLedger(semester.Id, 15, [new MentorLoad(semester.Id, mentor.Id)]);

        var publishedGroup = db.Add(new MentorGroup(published.Id, semester.Id, [mentor.Id], Now)).Entity;
        publishedGroup.Assign(mentee.Id, isPriorityCare: false, [mentor.Id], maxMentorsPerStudent: 1, ledger, Now);
        publishedGroup.Assign(other.Id, isPriorityCare: false, [mentor.Id], maxMentorsPerStudent: 1, ledger, Now);
        publishedGroup.Publish([mentee.Id, other.Id], Now);
        publishedGroup.ReleaseStudent(other.Id, AssignmentEndReason.StudentLeft, ledger, Now);
        var draftGroup = db.Add(new MentorGroup(draft.Id, semester.Id, [mentor.Id], Now)).Entity;
        draftGroup.Assign(inDraft.Id, isPriorityCare: false, [mentor.Id], maxMentorsPerStudent: 1, ledger, Now);
        await db.SaveChangesAsync(Ct);
        return new School(headTeacher.Id, mentor.Id, inHeaded.Id, mentee.Id, inDraft.Id, other.Id);
    }

    public static readonly TheoryData<string, bool> Days = new() { { "in term", true }, { "after term", false } };

    [Theory]
    [MemberData(nameof(Days))]
    public async Task Composed_and_compiled_reach_name_the_same_students(string day, bool inTerm)
    {
        var tenant = NewTenant();
        var school = await SeedAsync(tenant);
        var on = inTerm ? InTerm : AfterTerm;
        await using var scope = As(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        foreach (var (teacher, expected) in new[]
                 {
                     (school.HeadTeacher, new[] { school.Headed }),
                     (school.Mentor, inTerm ? [school.Mentee] : Array.Empty<Guid>()),
                     (Guid.CreateVersion7(), Array.Empty<Guid>()),
                 })
        {
            var composed = await AccessPolicy.StudentsOfTeacherOn.Apply(db, teacher, on).Select(s => s.Id).ToListAsync(Ct);
            var compiled = await CompiledReach(db, teacher, on).ToListAsync(Ct);
            composed.ShouldBe(expected, ignoreOrder: true, customMessage: day);
            compiled.ShouldBe(expected, ignoreOrder: true, customMessage: day);
        }
    }

    [Fact]
    public async Task Another_schools_teacher_reaches_nobody_here()
    {
        var tenant = NewTenant();
        var school = await SeedAsync(tenant);
        await using var scope = As(NewTenant());
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        (await AccessPolicy.StudentsOfTeacherOn.Apply(db, school.HeadTeacher, InTerm).AnyAsync(Ct)).ShouldBeFalse();
        (await CompiledReach(db, school.Mentor, InTerm).AnyAsync(Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_composed_rule_sends_its_arguments_as_parameters()
    {
        await using var scope = As(NewTenant());
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var teacher = Guid.CreateVersion7();

        var sql = AccessPolicy.StudentsOfTeacherOn.Apply(db, teacher, InTerm).ToQueryString();
        var another = AccessPolicy.StudentsOfTeacherOn.Apply(db, Guid.CreateVersion7(), AfterTerm).ToQueryString();

        SqlOf(another).ShouldBe(SqlOf(sql));
        SqlOf(sql).ShouldNotContain(teacher.ToString(), Case.Insensitive);
        SqlOf(sql).ShouldNotContain("2026-10-15");
    }

    // ToQueryString declares the parameters with their values ahead of the statement; the statement starts at its SELECT.
    private static string SqlOf(string queryString) => queryString[queryString.IndexOf("SELECT", StringComparison.Ordinal)..];

    [Fact]
    public void A_rule_invoked_outside_an_expanded_expression_refuses_to_run() =>
        Should.Throw<InvalidOperationException>(() => SemesterQueries.IsInForceOn.Invoke(null!, InTerm));
}

public sealed class QueryRuleTestsOnSqlite(SqliteDatabase database) : QueryRuleTests<SqliteDatabase>(database);

public sealed class QueryRuleTestsOnPostgres(PostgresDatabase database) : QueryRuleTests<PostgresDatabase>(database);
