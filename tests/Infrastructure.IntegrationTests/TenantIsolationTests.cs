using MentorCloud.Domain.Notifications;
using MentorCloud.Domain.Webhooks;
using System.Reflection;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Auditing;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Evaluations;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Reports;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Events;
using MentorCloud.Infrastructure.Idempotency;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>The tenant filter and the save guard of the school database, on a real engine.</summary>
public abstract class TenantIsolationTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database) where TDatabase : DatabaseFixture
{

    private AsyncServiceScope As(TenantInfo tenant) => Database.Services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant);

    private async Task<Guid> SeedPolicyAsync(TenantInfo tenant)
    {
        await using var scope = As(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var policy = SchoolPolicy.CreateDefault(DateTimeOffset.UtcNow);
        db.SchoolPolicies.Add(policy);
        await db.SaveChangesAsync(Ct);
        db.Entry(policy).Property<Guid>(ApplicationDbContext.TenantIdProperty).CurrentValue.ShouldBe(tenant.Id);
        return policy.Id;
    }

    public static readonly TheoryData<Type> TenantOwnedEntityTypes = new(SchoolModelTests.TenantOwnedEntityTypes);

    public static readonly TheoryData<Type> ChangeableEntityTypes = new(
        SchoolModelTests.TenantOwnedEntityTypes.Where(t => !typeof(IAppendOnly).IsAssignableFrom(t)));

    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Adds a valid row of the type, with the rows it depends on. Both schools get the same codes on purpose.</summary>
    private static readonly Dictionary<Type, Action<ApplicationDbContext>> Seeders = new()
    {
        [typeof(SchoolPolicy)] = db => db.Add(SchoolPolicy.CreateDefault(Now)),
        [typeof(Semester)] = db => AddSemester(db),
        [typeof(Teacher)] = db => AddTeacher(db),
        [typeof(SchoolClass)] = db => AddClass(db),
        [typeof(Student)] = db => AddStudent(db, AddClass(db)),
        [typeof(AuditEntry)] = db => db.Add(new AuditEntry(Now, Guid.CreateVersion7(), "admin", "student.read", "Student", Guid.CreateVersion7(), null)),
        [typeof(MentorGroup)] = db => AddGroupWithAssignment(db),
        [typeof(MentorAssignment)] = db => AddGroupWithAssignment(db),
        [typeof(MentorLoad)] = db => db.Add(new MentorLoad(AddSemester(db).Id, AddTeacher(db).Id)),
        [typeof(OutboxMessage)] = db => db.Add(new OutboxMessage("student.left", "{}", Now)),
        [typeof(IdempotencyRequest)] = db => db.Add(new IdempotencyRequest(Guid.CreateVersion7(), $"k-{Guid.NewGuid():N}", "CreateThing", "hash", Now, Now.AddSeconds(30))),
        [typeof(Notification)] = db => db.Add(new Notification(Guid.CreateVersion7(), "reminder", "提醒", null, null, Now, $"key-{Guid.NewGuid():N}")),
        [typeof(WebhookSubscription)] = db => AddWebhook(db),
        [typeof(WebhookDelivery)] = db => AddDelivery(db),
        [typeof(WebhookDeliveryAttempt)] = db => db.Add(new WebhookDeliveryAttempt(AddDelivery(db).Id, Now, 500, "HTTP 500", 12)),
        [typeof(StudentArchive)] = db => AddArchive(db),
        [typeof(ArchiveEntry)] = db => AddArchive(db).Write(ArchiveSection.Morals, "{}", Author, Now, consentRequired: false),
        [typeof(ArchiveGoal)] = db => AddArchive(db).SetGoal(GoalKind.Stage, "按时完成作业", null, Author, Now, consentRequired: false),
        [typeof(GuidanceActivity)] = db => AddActivity(db),
        [typeof(ActivityStudent)] = db => AddActivity(db),
        [typeof(FollowUpAction)] = db => AddActivity(db),
        [typeof(GuardianConsent)] = db => AddArchive(db).RecordConsent("王母", "母亲", new DateOnly(2026, 9, 1), ConsentMethod.Paper, ConsentScope.Archive, null, Now),
        [typeof(MonthlyReport)] = db => AddMonthlyReport(db, AddClass(db)),
        [typeof(MonthlyReportComment)] = db =>
        {
            var schoolClass = AddClass(db);
            AddMonthlyReport(db, schoolClass).Comment(schoolClass.HeadTeacherId, "继续加油", Now);
        },
        [typeof(MentorEvaluation)] = db =>
        {
            var schoolClass = AddClass(db);
            db.Add(MentorEvaluation.Submit(AddStudent(db, schoolClass).Id, schoolClass.HeadTeacherId, AddSemester(db).Id, mentoredInSemester: true,
                new EvaluationScores(5, 4, 5), "老师很耐心", Now));
        },
    };

    private static MonthlyReport AddMonthlyReport(ApplicationDbContext db, SchoolClass schoolClass) =>
        db.Add(MonthlyReport.Submit(AddStudent(db, schoolClass).Id, new DateOnly(2026, 9, 1), "九月汇报", [AddSemester(db)], null, ReportSubmitterRole.Student,
            new DateOnly(2026, 9, 30), Now)).Entity;

    private static Semester AddSemester(ApplicationDbContext db) =>
        db.Add(new Semester("2026 秋", new DateRange(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 20)))).Entity;

    private static WebhookSubscription AddWebhook(ApplicationDbContext db) =>
        db.Add(new WebhookSubscription(new Uri("https://hooks.example.com/in"), [WebhookEvents.StudentLeft], "protected", Now, null)).Entity;

    private static WebhookDelivery AddDelivery(ApplicationDbContext db) =>
        db.Add(new WebhookDelivery(AddWebhook(db).Id, Guid.CreateVersion7(), WebhookEvents.StudentLeft, Now)).Entity;

    private static Teacher AddTeacher(ApplicationDbContext db) => db.Add(new Teacher("王老师", "T-001", ["语文"])).Entity;

    private static SchoolClass AddClass(ApplicationDbContext db) => db.Add(new SchoolClass("一班", 7, 2026, AddTeacher(db).Id)).Entity;

    private static Student AddStudent(ApplicationDbContext db, SchoolClass schoolClass) =>
        db.Add(new Student("李同学", "S-001", schoolClass.Id, Gender.Female, null, [new Guardian("李家长", "母亲", null)])).Entity;

    private static readonly ArchiveAuthor Author = new(Guid.CreateVersion7(), "王老师");

    private static StudentArchive AddArchive(ApplicationDbContext db) =>
        db.Add(new StudentArchive(AddStudent(db, AddClass(db)).Id, Now)).Entity;

    private static GuidanceActivity AddActivity(ApplicationDbContext db)
    {
        var schoolClass = AddClass(db);
        var student = AddStudent(db, schoolClass);
        var semester = AddSemester(db);
        var mentor = schoolClass.HeadTeacherId;
        var rights = new RecordingRights(new Dictionary<Guid, IReadOnlySet<Guid>> { [student.Id] = new HashSet<Guid> { mentor } }, new HashSet<Guid>());
        var details = new ActivityDetails(ActivityKind.Talk, null, [GuidanceDomain.Study], "谈心", new DateOnly(2026, 9, 5), [student.Id], [],
            [new FollowUpPlan("复查作业", new DateOnly(2026, 9, 12))]);
        return db.Add(GuidanceActivity.Record(details, semester.Id, semester.Dates, mentor, rights, new DateOnly(2026, 9, 10), Now)).Entity;
    }

    private static void AddGroupWithAssignment(ApplicationDbContext db)
    {
        var schoolClass = AddClass(db);
        var student = AddStudent(db, schoolClass);
        var semester = AddSemester(db);
        var group = new MentorGroup(schoolClass.Id, semester.Id, [schoolClass.HeadTeacherId], Now);
        var ledger = new MentorLoadLedger(semester.Id, 15, [new MentorLoad(semester.Id, schoolClass.HeadTeacherId)]);
        group.Assign(student.Id, isPriorityCare: false, [schoolClass.HeadTeacherId], maxMentorsPerStudent: 1, ledger, Now);
        db.Add(group);
    }

    /// <summary>Seeds rows of the type for the tenant; returns the ids of the rows of that type it saved.</summary>
    private async Task<List<Guid>> SeedAsync(TenantInfo tenant, Type type)
    {
        Seeders.ShouldContainKey(type, $"no seeder for {type.Name}");
        await using var scope = As(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        Seeders[type](db);
        await db.SaveChangesAsync(Ct);
        var ids = db.ChangeTracker.Entries().Where(e => e.Metadata.ClrType == type).Select(e => ((Entity)e.Entity).Id).ToList();
        ids.ShouldNotBeEmpty($"the seeder for {type.Name} added no {type.Name}");
        return ids;
    }

    [Fact]
    public void Every_tenant_owned_entity_type_of_the_model_has_a_seeder()
    {
        SchoolModelTests.TenantOwnedEntityTypes.ShouldContain(typeof(AuditEntry));
        SchoolModelTests.TenantOwnedEntityTypes.Where(t => !Seeders.ContainsKey(t)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TenantOwnedEntityTypes))]
    public async Task A_tenant_sees_only_its_own_rows_of_every_entity_type_and_no_tenant_sees_none(Type type)
    {
        var a = NewTenant();
        var b = NewTenant();
        var rowsOfA = await SeedAsync(a, type);
        var rowsOfB = await SeedAsync(b, type);

        await using (var scope = As(a))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            (await Rows.IdsAsync(db, type, Ct)).ShouldBe(rowsOfA, ignoreOrder: true);
            rowsOfB.ShouldBeSubsetOf(await Rows.IdsAsync(db, type, Ct, ignoreTenant: true));
        }

        await using var noTenant = Database.Services.CreateAsyncScope();
        (await Rows.IdsAsync(noTenant.ServiceProvider.GetRequiredService<ApplicationDbContext>(), type, Ct)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ChangeableEntityTypes))]
    public async Task A_row_cannot_be_moved_to_another_tenant_and_stays_with_its_own(Type type)
    {
        var a = NewTenant();
        var b = NewTenant();
        var id = (await SeedAsync(a, type))[0];

        await using (var scope = As(a))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var row = await Rows.FindAsync(db, type, id, Ct);
            db.Entry(row).Property(ApplicationDbContext.TenantIdProperty).CurrentValue = b.Id;

            await Should.ThrowAsync<CrossTenantWriteException>(() => db.SaveChangesAsync(Ct));
        }

        await using (var owner = As(a))
            (await Rows.IdsAsync(owner.ServiceProvider.GetRequiredService<ApplicationDbContext>(), type, Ct)).ShouldContain(id);
        await using (var other = As(b))
            (await Rows.IdsAsync(other.ServiceProvider.GetRequiredService<ApplicationDbContext>(), type, Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Changing_or_deleting_a_row_of_another_tenant_is_refused_and_changes_nothing(bool delete)
    {
        var a = NewTenant();
        var b = NewTenant();
        var teacherOfB = await SeedTeacherAsync(b);

        await using (var scope = As(a))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var stolen = await db.Teachers.IgnoreQueryFilters([ApplicationDbContext.TenantFilter]).SingleAsync(t => t.Id == teacherOfB, Ct);
            if (delete) db.Remove(stolen);
            else stolen.Update("改名", []);

            await Should.ThrowAsync<CrossTenantWriteException>(() => db.SaveChangesAsync(Ct));
        }

        (await TeacherNameAsync(b, teacherOfB)).ShouldBe("王老师");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_row_of_another_tenant_attached_as_stored_is_not_found_by_the_update_or_delete(bool delete)
    {
        // AttachStored stamps the current school on the row it is given; the save guard then cannot tell, only the
        // statement can: the school column is a concurrency token, so the update or delete names the school too.
        var a = NewTenant();
        var b = NewTenant();
        var teacherOfB = await SeedTeacherAsync(b);

        await using (var scope = As(a))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var stolen = await db.Teachers.IgnoreQueryFilters([ApplicationDbContext.TenantFilter]).AsNoTracking().SingleAsync(t => t.Id == teacherOfB, Ct);
            db.AttachStored(stolen);
            if (delete) db.Remove(stolen);
            else stolen.Update("改名", []);

            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(Ct));
        }

        (await TeacherNameAsync(b, teacherOfB)).ShouldBe("王老师");
    }

    private async Task<Guid> SeedTeacherAsync(TenantInfo tenant)
    {
        await using var seed = As(tenant);
        var db = seed.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var teacher = new Teacher("王老师", "T-001", ["语文"]);
        db.Teachers.Add(teacher);
        await db.SaveChangesAsync(Ct);
        return teacher.Id;
    }

    private async Task<string> TeacherNameAsync(TenantInfo tenant, Guid teacherId)
    {
        await using var check = As(tenant);
        return (await check.ServiceProvider.GetRequiredService<ApplicationDbContext>().Teachers.SingleAsync(t => t.Id == teacherId, Ct)).Name;
    }

    [Fact]
    public async Task Policy_versions_are_append_only()
    {
        var tenant = NewTenant();
        var policyId = await SeedPolicyAsync(tenant);

        await using var scope = As(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.Remove(await db.SchoolPolicies.SingleAsync(p => p.Id == policyId, Ct));

        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Adding_a_row_stamped_for_another_tenant_is_refused()
    {
        await using var scope = As(NewTenant());
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var policy = SchoolPolicy.CreateDefault(DateTimeOffset.UtcNow);
        db.SchoolPolicies.Add(policy);
        db.Entry(policy).Property<Guid>(ApplicationDbContext.TenantIdProperty).CurrentValue = Guid.CreateVersion7();

        await Should.ThrowAsync<CrossTenantWriteException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Saving_school_data_with_no_tenant_is_refused()
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.SchoolPolicies.Add(SchoolPolicy.CreateDefault(DateTimeOffset.UtcNow));

        await Should.ThrowAsync<TenantRequiredException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public void A_scope_cannot_switch_tenant()
    {
        var context = new TenantContext();
        context.Set(NewTenant());
        Should.Throw<InvalidOperationException>(() => context.Set(NewTenant()));
    }
}

/// <summary>Reads entity types known only at run time.</summary>
internal static class Rows
{
    public static Task<List<Guid>> IdsAsync(ApplicationDbContext db, Type type, CancellationToken ct, bool ignoreTenant = false) =>
        (Task<List<Guid>>)typeof(Rows).GetMethod(nameof(Ids), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, [db, ignoreTenant, ct])!;

    public static async Task<object> FindAsync(ApplicationDbContext db, Type type, Guid id, CancellationToken ct) =>
        await db.FindAsync(type, [id], ct) ?? throw new InvalidOperationException($"{type.Name} {id} not found");

    private static Task<List<Guid>> Ids<T>(ApplicationDbContext db, bool ignoreTenant, CancellationToken ct) where T : Entity
    {
        IQueryable<T> rows = db.Set<T>();
        if (ignoreTenant) rows = rows.IgnoreQueryFilters([ApplicationDbContext.TenantFilter]);
        return rows.Select(r => r.Id).ToListAsync(ct);
    }
}

public sealed class TenantIsolationTestsOnSqlite(SqliteDatabase database) : TenantIsolationTests<SqliteDatabase>(database);

public sealed class TenantIsolationTestsOnPostgres(PostgresDatabase database) : TenantIsolationTests<PostgresDatabase>(database);
