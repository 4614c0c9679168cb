using System.Net;
using System.Net.Http.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

public abstract class DistrictTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private static object NewDistrict(string code, string? admin = null, string password = TestApi.Password) =>
        new { code, name = "浦东新区教育局", admin = new { username = admin ?? $"{code}-admin", password, displayName = "区管理员" } };

    [Fact]
    public async Task Platform_admin_creates_a_district_with_its_admin()
    {
        using var platform = await Api.AsPlatformAdmin();
        var code = TestApi.UniqueCode("pd");

        var response = await platform.PostAsJsonAsync("/api/v1/districts", NewDistrict(code), Ct);

        var body = await response.ShouldBeJson(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/districts/{code}");
        body.GetProperty("code").GetString().ShouldBe(code);
        body.GetProperty("name").GetString().ShouldBe("浦东新区教育局");
        var id = body.GetProperty("id").GetGuid();
        id.Version.ShouldBe(7);

        using var districtAdmin = await Api.As($"{code}-admin");
        var district = await (await districtAdmin.GetAsync($"/api/v1/districts/{code}", Ct)).ShouldBeJson(HttpStatusCode.OK);
        district.GetProperty("id").GetGuid().ShouldBe(id);
        var me = await (await districtAdmin.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK);
        me.GetProperty("roles").EnumerateArray().Single().GetString().ShouldBe("district-admin");
        me.GetProperty("districtCode").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task Districts_are_listed_in_pages()
    {
        var (first, _) = await Api.CreateDistrictAsync();
        await Api.CreateDistrictAsync();
        using var platform = await Api.AsPlatformAdmin();

        var page = await (await platform.GetAsync("/api/v1/districts?page=1&pageSize=1", Ct)).ShouldBeJson(HttpStatusCode.OK);
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
        page.GetProperty("page").GetInt32().ShouldBe(1);
        page.GetProperty("pageSize").GetInt32().ShouldBe(1);
        page.GetProperty("totalCount").GetInt32().ShouldBeGreaterThanOrEqualTo(2);

        var all = await (await platform.GetAsync("/api/v1/districts?pageSize=200", Ct)).ShouldBeJson(HttpStatusCode.OK);
        all.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("code").GetString()).ShouldContain(first);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=201")]
    [InlineData("pageSize=0")]
    public async Task Bad_paging_answers_400(string query)
    {
        using var platform = await Api.AsPlatformAdmin();
        await (await platform.GetAsync($"/api/v1/districts?{query}", Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("UPPER", "code")]
    [InlineData("a", "code")]
    [InlineData("has space", "code")]
    [InlineData("this-code-is-far-too-long-for-a-district-code", "code")]
    public async Task Invalid_codes_answer_400_with_the_field(string code, string field)
    {
        using var platform = await Api.AsPlatformAdmin();
        var response = await platform.PostAsJsonAsync("/api/v1/districts", NewDistrict(code, admin: TestApi.UniqueCode("u")), Ct);
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor(field).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Weak_password_and_missing_admin_answer_400_and_store_nothing()
    {
        using var platform = await Api.AsPlatformAdmin("en");
        var code = TestApi.UniqueCode("weak");

        var weak = await platform.PostAsJsonAsync("/api/v1/districts", NewDistrict(code, password: "short"), Ct);
        (await weak.ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("admin.password")[0].ShouldContain("at least 8 characters");

        var missing = await platform.PostAsJsonAsync("/api/v1/districts", new { code, name = "No admin" }, Ct);
        (await missing.ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("admin").ShouldNotBeEmpty();

        (await platform.GetAsync($"/api/v1/districts/{code}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicate_code_or_username_answers_409_and_changes_nothing()
    {
        var (code, admin) = await Api.CreateDistrictAsync();
        using var platform = await Api.AsPlatformAdmin();

        await (await platform.PostAsJsonAsync("/api/v1/districts", NewDistrict(code, admin: TestApi.UniqueCode("u")), Ct)).ShouldBeProblem(HttpStatusCode.Conflict);

        var otherCode = TestApi.UniqueCode("d");
        await (await platform.PostAsJsonAsync("/api/v1/districts", NewDistrict(otherCode, admin: admin.ToUpperInvariant()), Ct)).ShouldBeProblem(HttpStatusCode.Conflict);
        (await platform.GetAsync($"/api/v1/districts/{otherCode}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_districts_needs_a_token_and_the_platform_role()
    {
        using var anonymous = Api.Anonymous();
        await (await anonymous.PostAsJsonAsync("/api/v1/districts", NewDistrict(TestApi.UniqueCode("x")), Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/v1/districts", Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);

        var (_, districtAdmin) = await Api.CreateDistrictAsync();
        using var district = await Api.As(districtAdmin);
        await (await district.PostAsJsonAsync("/api/v1/districts", NewDistrict(TestApi.UniqueCode("x")), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await district.GetAsync("/api/v1/districts", Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_district_admin_cannot_see_another_district()
    {
        var (mine, admin) = await Api.CreateDistrictAsync();
        var (theirs, _) = await Api.CreateDistrictAsync();
        using var client = await Api.As(admin);

        (await client.GetAsync($"/api/v1/districts/{mine}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await client.GetAsync($"/api/v1/districts/{theirs}", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/districts/{theirs}/policy-limits", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync($"/api/v1/districts/{theirs}/policy-limits", new { maxStudentsPerMentorCeiling = 10 }, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/districts/{theirs}/schools", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/districts/no-such-district", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Policy_limits_start_empty_and_can_be_tightened()
    {
        var (code, admin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(admin);

        var initial = await (await client.GetAsync($"/api/v1/districts/{code}/policy-limits", Ct)).ShouldBeJson(HttpStatusCode.OK);
        initial.GetProperty("maxStudentsPerMentorCeiling").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var updated = await (await client.PutAsJsonAsync($"/api/v1/districts/{code}/policy-limits",
            new { maxStudentsPerMentorCeiling = 12, maxMentorsPerStudentCeiling = 2 }, Ct)).ShouldBeJson(HttpStatusCode.OK);
        updated.GetProperty("maxStudentsPerMentorCeiling").GetInt32().ShouldBe(12);

        var read = await (await client.GetAsync($"/api/v1/districts/{code}/policy-limits", Ct)).ShouldBeJson(HttpStatusCode.OK);
        read.GetProperty("maxStudentsPerMentorCeiling").GetInt32().ShouldBe(12);
        read.GetProperty("maxMentorsPerStudentCeiling").GetInt32().ShouldBe(2);
    }

    [Theory]
    [InlineData(16, null, "maxStudentsPerMentorCeiling")]
    [InlineData(0, null, "maxStudentsPerMentorCeiling")]
    [InlineData(null, 6, "maxMentorsPerStudentCeiling")]
    public async Task Policy_limits_beyond_the_specification_answer_400_and_keep_the_old_values(int? students, int? mentors, string field)
    {
        var (code, admin) = await Api.CreateDistrictAsync();
        using var client = await Api.As(admin);
        await client.PutAsJsonAsync($"/api/v1/districts/{code}/policy-limits", new { maxStudentsPerMentorCeiling = 10, maxMentorsPerStudentCeiling = 2 }, Ct);

        var response = await client.PutAsJsonAsync($"/api/v1/districts/{code}/policy-limits",
            new { maxStudentsPerMentorCeiling = students, maxMentorsPerStudentCeiling = mentors }, Ct);

        (await response.ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor(field).ShouldNotBeEmpty();
        var read = await (await client.GetAsync($"/api/v1/districts/{code}/policy-limits", Ct)).ShouldBeJson(HttpStatusCode.OK);
        read.GetProperty("maxStudentsPerMentorCeiling").GetInt32().ShouldBe(10);
    }

    [Fact]
    public async Task Policy_limits_are_for_district_staff_only()
    {
        var school = await Api.CreateSchoolAsync();
        using var schoolAdmin = await Api.As(school.SchoolAdmin);
        await (await schoolAdmin.GetAsync($"/api/v1/districts/{school.District}/policy-limits", Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await schoolAdmin.GetAsync($"/api/v1/districts/{school.District}", Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);

        using var anonymous = Api.Anonymous();
        await (await anonymous.GetAsync($"/api/v1/districts/{school.District}/policy-limits", Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}

public sealed class DistrictTestsOnSqlite(SqliteApp app) : DistrictTests<SqliteApp>(app);

public sealed class DistrictTestsOnPostgres(PostgresApp app) : DistrictTests<PostgresApp>(app);
