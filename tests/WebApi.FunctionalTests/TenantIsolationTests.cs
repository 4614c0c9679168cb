using System.Net;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>A school is a tenant: nothing of school B is reachable from school A, and a dedicated database holds its school's data only.</summary>
public abstract class TenantIsolationTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    /// <summary>Every school route, so each new one gets its cross-tenant check.</summary>
    public static readonly TheoryData<string, string> SchoolRoutes = new()
    {
        { "GET", "/policy" },
    };

    [Theory]
    [MemberData(nameof(SchoolRoutes))]
    public async Task A_school_admin_gets_404_on_every_route_of_another_school(string method, string route)
    {
        var a = await Api.CreateSchoolAsync();
        var b = await Api.CreateSchoolAsync();
        using var adminOfA = await Api.As(a.SchoolAdmin);

        var own = await adminOfA.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/schools/{a.School}{route}"), Ct);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = await adminOfA.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/schools/{b.School}{route}"), Ct);
        await other.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(SchoolRoutes))]
    public async Task Unknown_schools_answer_404_and_anonymous_callers_401(string method, string route)
    {
        var a = await Api.CreateSchoolAsync();
        using var adminOfA = await Api.As(a.SchoolAdmin);
        await (await adminOfA.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/schools/no-such-school{route}"), Ct))
            .ShouldBeProblem(HttpStatusCode.NotFound);

        using var anonymous = Api.Anonymous();
        await (await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/schools/{a.School}{route}"), Ct))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
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
    public async Task A_school_with_its_own_database_keeps_its_data_there()
    {
        var dedicated = App.Factory.Database.NewDatabase();
        var school = await Api.CreateSchoolAsync(connectionString: dedicated);
        var shared = await Api.CreateSchoolAsync();

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
            db.Database.GetConnectionString().ShouldBe(App.Factory.ConnectionString);
            (await CountPolicies(db, shared.SchoolId)).ShouldBe(1);
            (await CountPolicies(db, school.SchoolId)).ShouldBe(0);
        }

        // The dedicated database holds the dedicated school's policy and nothing of the others.
        await using (var scope = services.GetRequiredService<ITenantScopeFactory>().CreateScope(
                         new TenantInfo(school.SchoolId, school.School, "", Guid.Empty, school.District, dedicated)))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.Database.GetConnectionString().ShouldBe(dedicated);
            (await CountPolicies(db, school.SchoolId)).ShouldBe(1);
            (await CountPolicies(db, shared.SchoolId)).ShouldBe(0);
        }
    }

    private static Task<int> CountPolicies(ApplicationDbContext db, Guid schoolId) =>
        db.SchoolPolicies.IgnoreQueryFilters([ApplicationDbContext.TenantFilter])
            .CountAsync(p => EF.Property<Guid>(p, ApplicationDbContext.TenantIdProperty) == schoolId, Ct);
}

public sealed class TenantIsolationTestsOnSqlite(SqliteApp app) : TenantIsolationTests<SqliteApp>(app);

public sealed class TenantIsolationTestsOnPostgres(PostgresApp app) : TenantIsolationTests<PostgresApp>(app);
