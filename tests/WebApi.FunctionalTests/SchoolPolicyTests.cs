using System.Net;
using System.Net.Http.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

public abstract class SchoolPolicyTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private static object Policy(int maxStudentsPerMentor = 12, int maxMentorsPerStudent = 2, int[]? reminderDays = null, int reminderDay = 20) => new
    {
        maxStudentsPerMentor,
        maxMentorsPerStudent,
        maxPreferences = 4,
        minTalks = 2,
        minParentContacts = 1,
        minEvaluations = 1,
        monthlyReportRequired = false,
        reminderDaysBeforeEnd = reminderDays ?? [21, 7],
        monthlyReportReminderDay = reminderDay,
        requireGuardianConsent = true,
    };

    [Fact]
    public async Task School_admin_changes_the_policy_and_every_version_is_kept_and_audited()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);

        var updated = await (await admin.PutAsJsonAsync(school.Route("policy"), Policy(), Ct)).ShouldBeJson(HttpStatusCode.OK);
        updated.GetProperty("maxStudentsPerMentor").GetInt32().ShouldBe(12);
        updated.GetProperty("version").GetInt32().ShouldBe(2);
        (await admin.PutAsJsonAsync(school.Route("policy"), Policy(maxStudentsPerMentor: 10), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var current = await (await admin.GetAsync(school.Route("policy"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        current.GetProperty("maxStudentsPerMentor").GetInt32().ShouldBe(10);
        current.GetProperty("minTalks").GetInt32().ShouldBe(2);
        current.GetProperty("reminderDaysBeforeEnd").EnumerateArray().Select(d => d.GetInt32()).ShouldBe([21, 7]);

        var history = await (await admin.GetAsync(school.Route("policy/history"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        history.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ShouldBe([3, 2, 1]);
        history.EnumerateArray().Last().GetProperty("policy").GetProperty("maxStudentsPerMentor").GetInt32().ShouldBe(15);
        history[0].GetProperty("changedBy").GetGuid().ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task A_policy_above_the_district_ceiling_answers_422_citing_R3_and_changes_nothing()
    {
        var school = await Api.CreateSchoolAsync();
        using (var district = await Api.As(school.DistrictAdmin))
            (await district.PutAsJsonAsync($"/api/v1/districts/{school.District}/policy-limits", new { maxStudentsPerMentorCeiling = 12, maxMentorsPerStudentCeiling = 2 }, Ct))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        using var admin = await Api.As(school.SchoolAdmin, language: "en");

        var tooMany = await (await admin.PutAsJsonAsync(school.Route("policy"), Policy(maxStudentsPerMentor: 13), Ct)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        tooMany.GetProperty("rule").GetString().ShouldBe("R3");
        tooMany.GetProperty("detail").GetString()!.ShouldStartWith("R3");
        var mentors = await (await admin.PutAsJsonAsync(school.Route("policy"), Policy(maxMentorsPerStudent: 3), Ct)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        mentors.GetProperty("rule").GetString().ShouldBe("R14");

        var history = await (await admin.GetAsync(school.Route("policy/history"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        history.GetArrayLength().ShouldBe(1);
        (await admin.PutAsJsonAsync(school.Route("policy"), Policy(maxStudentsPerMentor: 12), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_district_ceiling_the_specification_caps_mentors_at_15_students_R3()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var problem = await (await admin.PutAsJsonAsync(school.Route("policy"), Policy(maxStudentsPerMentor: 16), Ct)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("rule").GetString().ShouldBe("R3");
    }

    [Fact]
    public async Task A_lowered_ceiling_tightens_the_policy_in_force_and_new_schools_start_within_it()
    {
        var school = await Api.CreateSchoolAsync();
        using (var district = await Api.As(school.DistrictAdmin))
            await district.PutAsJsonAsync($"/api/v1/districts/{school.District}/policy-limits", new { maxStudentsPerMentorCeiling = 9 }, Ct);

        using var admin = await Api.As(school.SchoolAdmin);
        var current = await (await admin.GetAsync(school.Route("policy"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        current.GetProperty("maxStudentsPerMentor").GetInt32().ShouldBe(9);
    }

    [Theory]
    [InlineData(new[] { 7, 14 }, 25, "reminderDaysBeforeEnd")]
    [InlineData(new[] { 14, 14 }, 25, "reminderDaysBeforeEnd")]
    [InlineData(new[] { 0 }, 25, "reminderDaysBeforeEnd")]
    [InlineData(new[] { 30 }, 29, "monthlyReportReminderDay")]
    [InlineData(new[] { 30 }, 0, "monthlyReportReminderDay")]
    public async Task Invalid_policy_answers_400_with_the_field_and_changes_nothing(int[] reminderDays, int reminderDay, string field)
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var problem = await (await admin.PutAsJsonAsync(school.Route("policy"), Policy(reminderDays: reminderDays, reminderDay: reminderDay), Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor(field).ShouldNotBeEmpty();
        var current = await (await admin.GetAsync(school.Route("policy"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        current.GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Only_school_admins_change_the_policy_but_teachers_read_it()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var username = TestApi.UniqueCode("teacher");
        await admin.CreateTeacherAsync(school, username);
        using var teacher = await Api.As(username);

        (await teacher.GetAsync(school.Route("policy"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await teacher.PutAsJsonAsync(school.Route("policy"), Policy(), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await teacher.GetAsync(school.Route("policy/history"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

public sealed class SchoolPolicyTestsOnSqlite(SqliteApp app) : SchoolPolicyTests<SqliteApp>(app);

public sealed class SchoolPolicyTestsOnPostgres(PostgresApp app) : SchoolPolicyTests<PostgresApp>(app);
