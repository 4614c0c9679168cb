using System.Net;
using System.Net.Http.Json;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>A school is a tenant: nothing of school B is reachable from school A, and a dedicated database holds its school's data only.</summary>
public abstract class TenantIsolationTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    /// <summary>Every school route, so each new one gets its cross-tenant check. {teacher}, {class}, {student} and {group} are ids of school B.</summary>
    public static readonly TheoryData<string, string> SchoolRoutes = new()
    {
        { "GET", "policy" },
        { "PUT", "policy" },
        { "GET", "policy/history" },
        { "POST", "semesters" },
        { "GET", "semesters" },
        { "GET", "semesters/current" },
        { "POST", "teachers" },
        { "GET", "teachers" },
        { "GET", "teachers/{teacher}" },
        { "PUT", "teachers/{teacher}" },
        { "POST", "teachers/{teacher}/deactivate" },
        { "POST", "classes" },
        { "GET", "classes" },
        { "GET", "classes/{class}" },
        { "PUT", "classes/{class}" },
        { "POST", "students" },
        { "GET", "students" },
        { "GET", "students/{student}" },
        { "PUT", "students/{student}" },
        { "POST", "students/{student}/transfer" },
        { "POST", "students/{student}/deactivate" },
        { "PUT", "students/{student}/attention-flags" },
        { "GET", "students/{student}/mentors" },
        { "GET", "teachers/{teacher}/mentees" },
        { "GET", "students/{student}/archive" },
        { "PUT", "students/{student}/archive/family" },
        { "PUT", "students/{student}/archive/morals" },
        { "GET", "students/{student}/archive/history" },
        { "GET", "students/{student}/archive/export" },
        { "POST", "students/{student}/archive/erase" },
        { "PUT", "students/{student}/guardian-consent" },
        { "GET", "students/{student}/guardian-consent" },
        { "DELETE", "students/{student}/guardian-consent" },
        { "POST", "students/{student}/goals" },
        { "GET", "students/{student}/goals" },
        { "GET", "students/{student}/goals/0199a1b2-0000-7000-8000-000000000001" },
        { "PATCH", "students/{student}/goals/0199a1b2-0000-7000-8000-000000000001" },
        { "POST", "mentor-groups" },
        { "GET", "mentor-groups" },
        { "GET", "mentor-groups/{group}" },
        { "POST", "mentor-groups/{group}/mentors" },
        { "DELETE", "mentor-groups/{group}/mentors/{teacher}" },
        { "POST", "mentor-groups/{group}/open-selection" },
        { "PUT", "mentor-groups/{group}/preferences/{student}" },
        { "PUT", "mentor-groups/{group}/mentor-preferences/{teacher}" },
        { "POST", "mentor-groups/{group}/match" },
        { "PUT", "mentor-groups/{group}/assignments/{student}" },
        { "POST", "mentor-groups/{group}/publish" },
        { "GET", "mentor-groups/{group}/published-list" },
        { "POST", "students/{student}/monthly-reports" },
        { "GET", "students/{student}/monthly-reports" },
        { "GET", "students/{student}/monthly-reports/0199a1b2-0000-7000-8000-000000000002" },
        { "POST", "students/{student}/monthly-reports/0199a1b2-0000-7000-8000-000000000002/comments" },
        { "POST", "mentor-evaluations" },
        { "GET", "mentor-evaluations" },
        { "GET", "mentor-evaluations/0199a1b2-0000-7000-8000-000000000003" },
        { "GET", "mentors/{teacher}/evaluation-summary" },
        { "GET", "students/{student}/progress" },
        { "GET", "mentors/{teacher}/progress" },
        { "GET", "statistics" },
        { "GET", "reminders/preview?asOf=2026-11-25" },
        { "POST", "roster/import" },
        { "GET", "roster/template" },
        { "GET", "audit" },
        { "POST", "activities" },
        { "GET", "activities" },
        { "GET", "activities/0199a1b2-0000-7000-8000-000000000002" },
        { "PUT", "activities/0199a1b2-0000-7000-8000-000000000002" },
        { "DELETE", "activities/0199a1b2-0000-7000-8000-000000000002" },
        { "POST", "activities/0199a1b2-0000-7000-8000-000000000002/follow-ups/0199a1b2-0000-7000-8000-000000000003/complete" },
        { "GET", "priority-care" },
        { "POST", "webhooks" },
        { "GET", "webhooks" },
        { "DELETE", "webhooks/0199a1b2-0000-7000-8000-000000000002" },
        { "GET", "webhooks/0199a1b2-0000-7000-8000-000000000002/deliveries" },
    };

    [Theory]
    [MemberData(nameof(SchoolRoutes))]
    public async Task A_school_admin_gets_404_on_every_route_of_another_school_and_changes_nothing_there(string method, string route)
    {
        var a = await Api.CreateSchoolAsync();
        var b = await Api.CreateSchoolAsync();
        using var adminOfB = await Api.As(b.SchoolAdmin);
        var teacher = await adminOfB.CreateTeacherAsync(b);
        var classId = await adminOfB.CreateClassAsync(b, teacher);
        var student = await adminOfB.CreateStudentAsync(b, classId);
        var semester = await (await adminOfB.PostAsJsonAsync(b.Route("semesters"), new { label = "B", startsOn = "2026-09-01", endsOn = "2027-01-31" }, Ct)).ShouldBeJson(HttpStatusCode.Created);
        var group = await (await adminOfB.PostAsJsonAsync(b.Route("mentor-groups"),
            new { classId, semesterId = semester.GetProperty("id").GetGuid(), mentorIds = new[] { teacher } }, Ct)).ShouldBeJson(HttpStatusCode.Created);
        var path = route.Replace("{teacher}", teacher.ToString()).Replace("{class}", classId.ToString()).Replace("{student}", student.ToString())
            .Replace("{group}", group.GetProperty("id").GetGuid().ToString());
        using var adminOfA = await Api.As(a.SchoolAdmin);

        await (await adminOfA.SendAsync(Request(method, b.Route(path)), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        if (path != route)
        {
            // Through school A's own route, B's ids are unknown (404), or the empty body or the role is refused first: never found, never changed.
            var own = await adminOfA.SendAsync(Request(method, a.Route(path)), Ct);
            own.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden);
        }

        (await (await adminOfB.GetAsync(b.Route($"teachers/{teacher}"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("isActive").GetBoolean().ShouldBeTrue();
        var kept = await (await adminOfB.GetAsync(b.Route($"students/{student}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        kept.GetProperty("isActive").GetBoolean().ShouldBeTrue();
        kept.GetProperty("classId").GetGuid().ShouldBe(classId);
        (await (await adminOfB.GetAsync(b.Route("policy"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("version").GetInt32().ShouldBe(1);
        var groupOfB = await (await adminOfB.GetAsync(b.Route($"mentor-groups/{group.GetProperty("id").GetGuid()}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        groupOfB.GetProperty("phase").GetString().ShouldBe("draft");
        groupOfB.GetProperty("mentors").GetArrayLength().ShouldBe(1);
        groupOfB.GetProperty("students")[0].GetProperty("mentors").GetArrayLength().ShouldBe(0);
    }

    private static HttpRequestMessage Request(string method, string uri) => TestRequests.Empty(method, uri);

    [Theory]
    [MemberData(nameof(SchoolRoutes))]
    public async Task Unknown_schools_answer_404_and_anonymous_callers_401(string method, string route)
    {
        var a = await Api.CreateSchoolAsync();
        using var adminOfA = await Api.As(a.SchoolAdmin);
        var path = route.Replace("{teacher}", Guid.CreateVersion7().ToString()).Replace("{class}", Guid.CreateVersion7().ToString())
            .Replace("{student}", Guid.CreateVersion7().ToString()).Replace("{group}", Guid.CreateVersion7().ToString());
        await (await adminOfA.SendAsync(Request(method, $"/api/v1/schools/no-such-school/{path}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);

        using var anonymous = Api.Anonymous();
        await (await anonymous.SendAsync(Request(method, a.Route(path)), Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Platform_and_district_staff_do_not_reach_school_data()
    {
        var a = await Api.CreateSchoolAsync();
        using var districtAdmin = await Api.As(a.DistrictAdmin);
        await (await districtAdmin.GetAsync($"/api/v1/schools/{a.School}/policy", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        using var platform = await Api.AsPlatformAdmin();
        await (await platform.GetAsync($"/api/v1/schools/{a.School}/policy", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_school_on_a_configured_server_keeps_its_data_in_its_own_database_there()
    {
        var school = await Api.CreateSchoolAsync(databaseServer: MentorCloudFactory.DedicatedServer);
        var shared = await Api.CreateSchoolAsync();
        var dedicated = App.Factory.DedicatedServerConnectionString.Replace("{database}", DedicatedDatabase.NameFor(school.School));

        using var admin = await Api.As(school.SchoolAdmin);
        (await admin.GetAsync($"/api/v1/schools/{school.School}/policy", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var services = App.Factory.Services;
        var store = services.GetRequiredService<IServiceScopeFactory>();
        await using (var scope = store.CreateAsyncScope())
        {
            var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdentifierAsync(school.School, Ct);
            tenant!.ConnectionString.ShouldBe(dedicated);
        }

        // The shared database holds the ordinary school's policy but nothing of the dedicated school.
        await using (var scope = store.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.Database.GetConnectionString().ShouldBe(ServiceConnections.For(Provider, App.Factory.ConnectionString));
            (await CountPolicies(db, shared.SchoolId)).ShouldBe(1);
            (await CountPolicies(db, school.SchoolId)).ShouldBe(0);
        }

        // The dedicated database holds the dedicated school's policy and nothing of the others.
        await using (var scope = services.GetRequiredService<ITenantScopeFactory>().CreateScope(
                         new TenantInfo(school.SchoolId, school.School, "", Guid.Empty, school.District, dedicated)))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.Database.GetConnectionString().ShouldBe(ServiceConnections.For(Provider, dedicated));
            (await CountPolicies(db, school.SchoolId)).ShouldBe(1);
            (await CountPolicies(db, shared.SchoolId)).ShouldBe(0);
        }

        // A restart finds the dedicated database through the catalog and migrates it before serving.
        await using var restarted = new MentorCloudFactory(App.Factory.Database, App.Factory.ConnectionString);
        using var again = await new TestApi(restarted).As(school.SchoolAdmin);
        (await again.GetAsync($"/api/v1/schools/{school.School}/policy", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The service opens its connections with <see cref="ServiceConnections"/>' settings added to the configured string.</summary>
    private DatabaseProvider Provider => Enum.Parse<DatabaseProvider>(App.Factory.Database.Provider);

    private static Task<int> CountPolicies(ApplicationDbContext db, Guid schoolId) =>
        db.SchoolPolicies.IgnoreQueryFilters([ApplicationDbContext.TenantFilter])
            .CountAsync(p => EF.Property<Guid>(p, ApplicationDbContext.TenantIdProperty) == schoolId, Ct);
}

public sealed class TenantIsolationTestsOnSqlite(SqliteApp app) : TenantIsolationTests<SqliteApp>(app);

public sealed class TenantIsolationTestsOnPostgres(PostgresApp app) : TenantIsolationTests<PostgresApp>(app);
