using System.Net;
using System.Net.Http.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

public abstract class TeacherAndClassTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    [Fact]
    public async Task A_teacher_with_an_account_signs_in_as_teacher_of_the_school()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var username = TestApi.UniqueCode("wang");

        var response = await admin.PostAsJsonAsync(school.Route("teachers"),
            new { name = "王老师", employeeNo = "T-100", subjects = new[] { "数学", "数学", "科学" }, account = new { username, password = TestApi.Password } }, Ct);

        var teacher = await response.ShouldBeJson(HttpStatusCode.Created);
        teacher.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()).ShouldBe(["数学", "科学"]);
        using var client = await Api.As(username);
        var me = await (await client.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK);
        me.GetProperty("roles").EnumerateArray().Single().GetString().ShouldBe("teacher");
        me.GetProperty("teacherId").GetGuid().ShouldBe(teacher.GetProperty("id").GetGuid());
        me.GetProperty("schoolCode").GetString().ShouldBe(school.School);
    }

    [Fact]
    public async Task Employee_numbers_are_unique_per_school_but_repeat_across_schools()
    {
        var school = await Api.CreateSchoolAsync();
        var other = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        using var otherAdmin = await Api.As(other.SchoolAdmin);

        await admin.CreateTeacherAsync(school, employeeNo: "T-1");
        await (await admin.PostAsJsonAsync(school.Route("teachers"), new { name = "重复", employeeNo = "T-1" }, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);
        await otherAdmin.CreateTeacherAsync(other, employeeNo: "T-1");
    }

    [Fact]
    public async Task Invalid_teacher_answers_400_with_field_errors()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var problem = await (await admin.PostAsJsonAsync(school.Route("teachers"),
            new { name = "", employeeNo = "has space", account = new { username = "x", password = "short" } }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor("name").ShouldNotBeEmpty();
        problem.ErrorsFor("employeeNo").ShouldNotBeEmpty();
        problem.ErrorsFor("account.username").ShouldNotBeEmpty();
        problem.ErrorsFor("account.password").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Teachers_are_listed_searched_updated_and_deactivated_without_losing_history()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var username = TestApi.UniqueCode("leaver");
        var id = await admin.CreateTeacherAsync(school, username, "T-LEAVE");
        await admin.CreateTeacherAsync(school, employeeNo: "T-STAY");

        var renamed = await (await admin.PutAsJsonAsync(school.Route($"teachers/{id}"), new { name = "赵老师", subjects = new[] { "英语" } }, Ct)).ShouldBeJson(HttpStatusCode.OK);
        renamed.GetProperty("name").GetString().ShouldBe("赵老师");
        var found = await (await admin.GetAsync(school.Route("teachers?search=赵"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        found.GetProperty("items").EnumerateArray().Single().GetProperty("employeeNo").GetString().ShouldBe("T-LEAVE");

        (await admin.PostAsync(school.Route($"teachers/{id}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var active = await (await admin.GetAsync(school.Route("teachers"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        active.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("employeeNo").GetString()).ShouldBe(["T-STAY"]);
        var all = await (await admin.GetAsync(school.Route("teachers?includeInactive=true"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        all.GetProperty("totalCount").GetInt32().ShouldBe(2);
        (await (await admin.GetAsync(school.Route($"teachers/{id}"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("isActive").GetBoolean().ShouldBeFalse();

        using var anonymous = Api.Anonymous();
        var signIn = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password = TestApi.Password }, Ct);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_teacher_records_the_classes_they_teach_and_unknown_classes_answer_400()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var classId = await admin.CreateClassAsync(school, await admin.CreateTeacherAsync(school));

        var created = await (await admin.PostAsJsonAsync(school.Route("teachers"), new { name = "陈老师", employeeNo = "T-CLS", classIds = new[] { classId } }, Ct))
            .ShouldBeJson(HttpStatusCode.Created);
        created.GetProperty("classIds").EnumerateArray().Select(c => c.GetGuid()).ShouldBe([classId]);
        var id = created.GetProperty("id").GetGuid();

        var cleared = await (await admin.PutAsJsonAsync(school.Route($"teachers/{id}"), new { name = "陈老师", classIds = Array.Empty<Guid>() }, Ct)).ShouldBeJson(HttpStatusCode.OK);
        cleared.GetProperty("classIds").GetArrayLength().ShouldBe(0);
        var unknown = await (await admin.PutAsJsonAsync(school.Route($"teachers/{id}"), new { name = "陈老师", classIds = new[] { Guid.CreateVersion7() } }, Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        unknown.ErrorsFor("classIds").ShouldNotBeEmpty();
        await (await admin.PostAsJsonAsync(school.Route("teachers"), new { name = "x", employeeNo = "T-X", classIds = new[] { Guid.CreateVersion7() } }, Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await admin.GetAsync(school.Route("teachers?search=T-X"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_teacher_answers_404()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        await (await admin.GetAsync(school.Route($"teachers/{Guid.CreateVersion7()}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await admin.PostAsync(school.Route($"teachers/{Guid.CreateVersion7()}/deactivate"), null, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_class_is_headed_by_an_active_teacher_who_heads_one_class_a_year()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var head = await admin.CreateTeacherAsync(school);

        var response = await admin.PostAsJsonAsync(school.Route("classes"), new { name = "七(1)班", grade = 7, headTeacherId = head }, Ct);
        var created = await response.ShouldBeJson(HttpStatusCode.Created);
        created.GetProperty("headTeacherId").GetGuid().ShouldBe(head);
        created.GetProperty("schoolYear").GetInt32().ShouldBeGreaterThan(2020);

        await (await admin.PostAsJsonAsync(school.Route("classes"), new { name = "七(2)班", grade = 7, headTeacherId = head }, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);
        var other = await admin.CreateTeacherAsync(school);
        await (await admin.PostAsJsonAsync(school.Route("classes"), new { name = "七(1)班", grade = 7, headTeacherId = other }, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);
        (await admin.PostAsJsonAsync(school.Route("classes"), new { name = "七(1)班", grade = 7, headTeacherId = head, schoolYear = 2030 }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var list = await (await admin.GetAsync(school.Route("classes?grade=7"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        list.GetProperty("totalCount").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_class_needs_a_grade_from_1_to_12_and_an_existing_active_head_teacher()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var problem = await (await admin.PostAsJsonAsync(school.Route("classes"), new { name = "", grade = 13, headTeacherId = Guid.Empty }, Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor("name").ShouldNotBeEmpty();
        problem.ErrorsFor("grade").ShouldNotBeEmpty();
        problem.ErrorsFor("headTeacherId").ShouldNotBeEmpty();

        var unknown = await (await admin.PostAsJsonAsync(school.Route("classes"), new { name = "一(1)班", grade = 1, headTeacherId = Guid.CreateVersion7() }, Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        unknown.ErrorsFor("headTeacherId").ShouldNotBeEmpty();

        var leaver = await admin.CreateTeacherAsync(school);
        await admin.PostAsync(school.Route($"teachers/{leaver}/deactivate"), null, Ct);
        await (await admin.PostAsJsonAsync(school.Route("classes"), new { name = "一(2)班", grade = 1, headTeacherId = leaver }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_class_can_be_renamed_and_change_head_teacher()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var classId = await admin.CreateClassAsync(school, await admin.CreateTeacherAsync(school), "八(3)班", 8);
        var newHead = await admin.CreateTeacherAsync(school);

        var updated = await (await admin.PutAsJsonAsync(school.Route($"classes/{classId}"), new { name = "八(4)班", grade = 8, headTeacherId = newHead }, Ct)).ShouldBeJson(HttpStatusCode.OK);
        updated.GetProperty("name").GetString().ShouldBe("八(4)班");
        var read = await (await admin.GetAsync(school.Route($"classes/{classId}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        read.GetProperty("headTeacherId").GetGuid().ShouldBe(newHead);
    }

    [Fact]
    public async Task Teachers_cannot_manage_teachers_or_classes()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var username = TestApi.UniqueCode("t");
        var teacherId = await admin.CreateTeacherAsync(school, username);
        using var teacher = await Api.As(username);

        await (await teacher.PostAsJsonAsync(school.Route("teachers"), new { name = "x", employeeNo = "T-9" }, Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await teacher.PostAsync(school.Route($"teachers/{teacherId}/deactivate"), null, Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await teacher.PostAsJsonAsync(school.Route("classes"), new { name = "x", grade = 1, headTeacherId = teacherId }, Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await teacher.GetAsync(school.Route("classes"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class TeacherAndClassTestsOnSqlite(SqliteApp app) : TeacherAndClassTests<SqliteApp>(app);

public sealed class TeacherAndClassTestsOnPostgres(PostgresApp app) : TeacherAndClassTests<PostgresApp>(app);
