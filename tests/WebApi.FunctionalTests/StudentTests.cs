using System.Net;
using System.Net.Http.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

public abstract class StudentTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private sealed record Setup(SchoolSetup School, HttpClient Admin, Guid ClassId, string HeadTeacher, Guid OtherClassId, string OtherTeacher);

    private async Task<Setup> SetUpAsync()
    {
        var school = await Api.CreateSchoolAsync();
        var admin = await Api.As(school.SchoolAdmin);
        var head = TestApi.UniqueCode("head");
        var classId = await admin.CreateClassAsync(school, await admin.CreateTeacherAsync(school, head));
        var other = TestApi.UniqueCode("other");
        var otherClassId = await admin.CreateClassAsync(school, await admin.CreateTeacherAsync(school, other));
        return new Setup(school, admin, classId, head, otherClassId, other);
    }

    [Fact]
    public async Task School_admin_adds_a_student_with_guardians_flags_and_a_login()
    {
        var s = await SetUpAsync();
        var username = TestApi.UniqueCode("stu");
        var response = await s.Admin.PostAsJsonAsync(s.School.Route("students"), new
        {
            name = "李小红", studentNo = "2026001", classId = s.ClassId, gender = "female", birthDate = "2013-09-01",
            attentionFlags = new[] { "singleParent", "leftBehind" },
            guardians = new[] { new { name = "李母", relation = "母亲", phone = "13900000000" } },
            account = new { username, password = TestApi.Password },
        }, Ct);

        var student = await response.ShouldBeJson(HttpStatusCode.Created);
        student.GetProperty("gender").GetString().ShouldBe("female");
        student.GetProperty("birthDate").GetString().ShouldBe("2013-09-01");
        student.GetProperty("attentionFlags").EnumerateArray().Select(f => f.GetString()).ShouldBe(["singleParent", "leftBehind"]);
        student.GetProperty("guardians")[0].GetProperty("relation").GetString().ShouldBe("母亲");

        using var client = await Api.As(username);
        var me = await (await client.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK);
        me.GetProperty("roles").EnumerateArray().Single().GetString().ShouldBe("student");
        me.GetProperty("studentId").GetGuid().ShouldBe(student.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Student_numbers_are_unique_per_school()
    {
        var s = await SetUpAsync();
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, studentNo: "S-1");
        await (await s.Admin.PostAsJsonAsync(s.School.Route("students"), new { name = "重复", studentNo = "S-1", classId = s.ClassId, gender = "male" }, Ct))
            .ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Invalid_student_answers_400_with_field_errors_and_stores_nothing()
    {
        var s = await SetUpAsync();
        var problem = await (await s.Admin.PostAsJsonAsync(s.School.Route("students"), new
        {
            name = "", studentNo = "", classId = s.ClassId, gender = "male", birthDate = "2999-01-01",
            guardians = new[] { new { name = "", relation = "", phone = "abc" } },
        }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor("name").ShouldNotBeEmpty();
        problem.ErrorsFor("studentNo").ShouldNotBeEmpty();
        problem.ErrorsFor("birthDate").ShouldBe(["出生日期须晚于 1990-01-01,且不晚于今天。"]);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(n => n.StartsWith("guardians[0]", StringComparison.Ordinal));

        var unknownClass = await (await s.Admin.PostAsJsonAsync(s.School.Route("students"), new { name = "王", studentNo = "S-9", classId = Guid.CreateVersion7(), gender = "male" }, Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        unknownClass.ErrorsFor("classId").ShouldNotBeEmpty();

        await (await s.Admin.PostAsJsonAsync(s.School.Route("students"), new { name = "王", studentNo = "S-9", classId = s.ClassId, gender = "robot" }, Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await s.Admin.PostAsJsonAsync(s.School.Route("students"), new { name = "王", studentNo = "S-9", classId = s.ClassId, gender = "male", attentionFlags = new[] { "none" } }, Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        var list = await (await s.Admin.GetAsync(s.School.Route("students"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        list.GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Students_are_filtered_by_class_flag_and_search()
    {
        var s = await SetUpAsync();
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, ["psychological"], "A-1");
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, studentNo: "A-2");
        await s.Admin.CreateStudentAsync(s.School, s.OtherClassId, ["psychological"], "B-1");

        async Task<string[]> Numbers(string query) =>
            (await (await s.Admin.GetAsync(s.School.Route($"students?{query}"), Ct)).ShouldBeJson(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(x => x.GetProperty("studentNo").GetString()!).ToArray();

        (await Numbers($"classId={s.ClassId}")).ShouldBe(["A-1", "A-2"]);
        (await Numbers("flag=psychological")).ShouldBe(["A-1", "B-1"]);
        (await Numbers("search=B-")).ShouldBe(["B-1"]);
        (await Numbers("pageSize=2&page=2")).ShouldBe(["B-1"]);
        (await (await s.Admin.GetAsync(s.School.Route("students?flag=bogus"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("flag").ShouldNotBeEmpty();
    }

    private async Task StudentsPageShouldBeAsync(HttpClient client, SchoolSetup school, string query, string[] numbers, int total, int page, int pageSize)
    {
        var answer = await (await client.GetAsync(school.Route($"students{query}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        answer.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("studentNo").GetString()!).ShouldBe(numbers);
        answer.GetProperty("totalCount").GetInt32().ShouldBe(total);
        answer.GetProperty("page").GetInt32().ShouldBe(page);
        answer.GetProperty("pageSize").GetInt32().ShouldBe(pageSize);
    }

    [Fact]
    public async Task School_admins_unfiltered_page_counts_and_orders_the_schools_active_students_only()
    {
        var s = await SetUpAsync();
        await s.Admin.CreateStudentAsync(s.School, s.OtherClassId, studentNo: "P-3");
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, studentNo: "P-1");
        var leaver = await s.Admin.CreateStudentAsync(s.School, s.ClassId, studentNo: "P-0");
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, studentNo: "P-2");
        (await s.Admin.PostAsync(s.School.Route($"students/{leaver}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var neighbour = await Api.CreateSchoolAsync();
        using var neighbourAdmin = await Api.As(neighbour.SchoolAdmin);
        await neighbourAdmin.CreateStudentAsync(neighbour, await neighbourAdmin.CreateClassAsync(neighbour, await neighbourAdmin.CreateTeacherAsync(neighbour, TestApi.UniqueCode("n"))), studentNo: "P-1");

        Task PageShouldBe(string query, string[] numbers, int total, int page, int pageSize) =>
            StudentsPageShouldBeAsync(s.Admin, s.School, query, numbers, total, page, pageSize);

        await PageShouldBe("", ["P-1", "P-2", "P-3"], 3, 1, 50);
        await PageShouldBe("?pageSize=2", ["P-1", "P-2"], 3, 1, 2);
        await PageShouldBe("?pageSize=2&page=2", ["P-3"], 3, 2, 2);
        await PageShouldBe("?page=3&pageSize=2", [], 3, 3, 2);
        await PageShouldBe("?includeInactive=true&pageSize=2", ["P-0", "P-1"], 4, 1, 2);
    }

    [Fact]
    public async Task Head_teachers_see_only_their_class_with_priority_care_first_and_other_teachers_see_none()
    {
        var s = await SetUpAsync();
        var plain = await s.Admin.CreateStudentAsync(s.School, s.ClassId, studentNo: "C-1");
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, ["academicDifficulty"], "C-2");
        var elsewhere = await s.Admin.CreateStudentAsync(s.School, s.OtherClassId, studentNo: "D-1");
        var loner = TestApi.UniqueCode("loner");
        await s.Admin.CreateTeacherAsync(s.School, loner);

        using var head = await Api.As(s.HeadTeacher);
        var mine = await (await head.GetAsync(s.School.Route("students"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        mine.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("studentNo").GetString()).ShouldBe(["C-2", "C-1"]);
        (await head.GetAsync(s.School.Route($"students/{plain}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await head.GetAsync(s.School.Route($"students/{elsewhere}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);

        using var teacher = await Api.As(loner);
        var none = await (await teacher.GetAsync(s.School.Route("students"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        none.GetProperty("totalCount").GetInt32().ShouldBe(0);
        await (await teacher.PostAsJsonAsync(s.School.Route("students"), new { name = "x", studentNo = "X-1", classId = s.ClassId, gender = "male" }, Ct))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_teachers_unfiltered_page_counts_and_orders_their_active_students_only()
    {
        var s = await SetUpAsync();
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, studentNo: "C-3");
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, studentNo: "C-1");
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, ["leftBehind"], "C-2");
        var leaver = await s.Admin.CreateStudentAsync(s.School, s.ClassId, ["academicDifficulty"], "C-0");
        await s.Admin.CreateStudentAsync(s.School, s.OtherClassId, ["academicDifficulty"], "D-1");
        (await s.Admin.PostAsync(s.School.Route($"students/{leaver}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var head = await Api.As(s.HeadTeacher);

        Task PageShouldBe(string query, string[] numbers, int total, int page, int pageSize) =>
            StudentsPageShouldBeAsync(head, s.School, query, numbers, total, page, pageSize);

        await PageShouldBe("", ["C-2", "C-1", "C-3"], 3, 1, 50);
        await PageShouldBe("?pageSize=2", ["C-2", "C-1"], 3, 1, 2);
        await PageShouldBe("?pageSize=2&page=2", ["C-3"], 3, 2, 2);
        await PageShouldBe("?page=3&pageSize=2", [], 3, 3, 2);
        await PageShouldBe("?includeInactive=true&pageSize=2", ["C-0", "C-2"], 4, 1, 2);
    }

    [Fact]
    public async Task Filters_combine_and_the_count_follows_them_for_school_admins_and_teachers()
    {
        var s = await SetUpAsync();
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, ["psychological"], "E-1");
        await s.Admin.CreateStudentAsync(s.School, s.ClassId, studentNo: "E-2");
        var leaver = await s.Admin.CreateStudentAsync(s.School, s.ClassId, ["psychological"], "E-3");
        await s.Admin.CreateStudentAsync(s.School, s.OtherClassId, ["psychological"], "F-1");
        await s.Admin.CreateStudentAsync(s.School, s.OtherClassId, studentNo: "F-2");
        (await s.Admin.PostAsync(s.School.Route($"students/{leaver}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var head = await Api.As(s.HeadTeacher);

        Task AdminPageShouldBe(string query, string[] numbers, int total) => StudentsPageShouldBeAsync(s.Admin, s.School, query, numbers, total, 1, 50);
        await AdminPageShouldBe($"?classId={s.ClassId}&flag=psychological", ["E-1"], 1);
        await AdminPageShouldBe($"?classId={s.ClassId}&flag=psychological&includeInactive=true", ["E-1", "E-3"], 2);
        await AdminPageShouldBe("?flag=psychological&search=F", ["F-1"], 1);
        await AdminPageShouldBe("?search=%20E-%20", ["E-1", "E-2"], 2);
        await AdminPageShouldBe("?search=E-&includeInactive=true", ["E-1", "E-2", "E-3"], 3);
        await AdminPageShouldBe($"?classId={s.OtherClassId}&search=E-", [], 0);
        await StudentsPageShouldBeAsync(s.Admin, s.School, "?flag=psychological&pageSize=1&page=2", ["F-1"], 2, 2, 1);

        // A head teacher's filters narrow their reach (their class), never widen it.
        Task HeadPageShouldBe(string query, string[] numbers, int total) => StudentsPageShouldBeAsync(head, s.School, query, numbers, total, 1, 50);
        await HeadPageShouldBe("?flag=psychological", ["E-1"], 1);
        await HeadPageShouldBe("?flag=psychological&includeInactive=true", ["E-1", "E-3"], 2);
        await HeadPageShouldBe("?search=2", ["E-2"], 1);
        await HeadPageShouldBe($"?classId={s.OtherClassId}", [], 0);
        await HeadPageShouldBe($"?classId={s.ClassId}&includeInactive=true", ["E-1", "E-3", "E-2"], 3);
    }

    [Fact]
    public async Task Head_teacher_sets_attention_flags_of_their_class_and_each_change_is_audited_R5()
    {
        var s = await SetUpAsync();
        var mine = await s.Admin.CreateStudentAsync(s.School, s.ClassId);
        var theirs = await s.Admin.CreateStudentAsync(s.School, s.OtherClassId);
        using var head = await Api.As(s.HeadTeacher);

        var flagged = await (await head.PutAsJsonAsync(s.School.Route($"students/{mine}/attention-flags"), new { flags = new[] { "behavioural", "financialHardship" } }, Ct))
            .ShouldBeJson(HttpStatusCode.OK);
        flagged.GetProperty("attentionFlags").EnumerateArray().Select(f => f.GetString()).ShouldBe(["behavioural", "financialHardship"]);
        await (await head.PutAsJsonAsync(s.School.Route($"students/{theirs}/attention-flags"), new { flags = new[] { "behavioural" } }, Ct))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        (await s.Admin.PutAsJsonAsync(s.School.Route($"students/{mine}/attention-flags"), new { flags = Array.Empty<string>() }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entries = await s.Admin.AuditActionsAsync(s.School, mine);
        entries.ShouldBe(["student.attentionFlags.changed", "student.attentionFlags.changed"]);
    }

    [Fact]
    public async Task Students_are_updated_transferred_and_deactivated()
    {
        var s = await SetUpAsync();
        var id = await s.Admin.CreateStudentAsync(s.School, s.ClassId, studentNo: "E-1");

        var updated = await (await s.Admin.PutAsJsonAsync(s.School.Route($"students/{id}"), new
        {
            name = "张小亮", gender = "male", birthDate = "2014-05-05", guardians = new[] { new { name = "张母", relation = "母亲", phone = (string?)null } },
        }, Ct)).ShouldBeJson(HttpStatusCode.OK);
        updated.GetProperty("name").GetString().ShouldBe("张小亮");
        updated.GetProperty("guardians").GetArrayLength().ShouldBe(1);

        var moved = await (await s.Admin.PostAsJsonAsync(s.School.Route($"students/{id}/transfer"), new { classId = s.OtherClassId }, Ct)).ShouldBeJson(HttpStatusCode.OK);
        moved.GetProperty("classId").GetGuid().ShouldBe(s.OtherClassId);
        await (await s.Admin.PostAsJsonAsync(s.School.Route($"students/{id}/transfer"), new { classId = Guid.CreateVersion7() }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);

        (await s.Admin.PostAsync(s.School.Route($"students/{id}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await s.Admin.GetAsync(s.School.Route("students"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);
        (await (await s.Admin.GetAsync(s.School.Route("students?includeInactive=true"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(1);
        await (await s.Admin.PostAsJsonAsync(s.School.Route($"students/{id}/transfer"), new { classId = s.ClassId }, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);

        (await s.Admin.AuditActionsAsync(s.School, id)).ShouldBe(["student.transferred", "student.deactivated"]);
    }

}

public sealed class StudentTestsOnSqlite(SqliteApp app) : StudentTests<SqliteApp>(app);

public sealed class StudentTestsOnPostgres(PostgresApp app) : StudentTests<PostgresApp>(app);
