using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Guidance activities (R9, R10), who sees and changes them (R16), and priority care (R5).</summary>
public abstract class ActivityTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd");

    /// <summary>
    /// One school: class A headed by <c>Head</c> with flagged students S1, S2, S4 (mentor <c>Mentor</c>) and unflagged S3 (mentor
    /// <c>Other</c>); class B headed by <c>OtherHead</c> with flagged T1 (mentor <c>Other</c>). Both groups published.
    /// </summary>
    private sealed record World(
        SchoolSetup School, HttpClient Admin, Guid SemesterId,
        (Guid Id, string Login) Mentor, (Guid Id, string Login) Other, (Guid Id, string Login) Head, (Guid Id, string Login) OtherHead,
        (Guid Id, string Login) S1, Guid S2, Guid S3, Guid S4, (Guid Id, string Login) T1, Guid ClassA, Guid ClassB);

    private async Task<World> WorldAsync()
    {
        var school = await Api.CreateSchoolAsync();
        var admin = await Api.As(school.SchoolAdmin);
        var semester = (await (await admin.PostAsJsonAsync(school.Route("semesters"), new { label = "本学期", startsOn = Day(-30), endsOn = Day(90) }, Ct))
            .ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        async Task<(Guid, string)> Teacher()
        {
            var login = TestApi.UniqueCode("t");
            return (await admin.CreateTeacherAsync(school, login), login);
        }
        async Task<(Guid, string)> Student(Guid classId, bool flagged)
        {
            var login = TestApi.UniqueCode("stu");
            var response = await admin.PostAsJsonAsync(school.Route("students"), new
            {
                name = "学生", studentNo = login, classId, gender = "male", attentionFlags = flagged ? new[] { "leftBehind" } : [],
                guardians = new[] { new { name = "家长", relation = "母亲", phone = "13900000000" } },
                account = new { username = login, password = TestApi.Password },
            }, Ct);
            return ((await response.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid(), login);
        }
        async Task Publish(Guid classId, Guid[] mentors, params (Guid Student, Guid Mentor)[] pairs)
        {
            var group = (await (await admin.PostAsJsonAsync(school.Route("mentor-groups"), new { classId, semesterId = semester, mentorIds = mentors }, Ct))
                .ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            foreach (var (student, mentor) in pairs)
                (await admin.PutAsJsonAsync(school.Route($"mentor-groups/{group}/assignments/{student}"), new { mentorIds = new[] { mentor } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            await (await admin.PostAsync(school.Route($"mentor-groups/{group}/publish"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        }

        var mentor = await Teacher();
        var other = await Teacher();
        var head = await Teacher();
        var otherHead = await Teacher();
        var classA = await admin.CreateClassAsync(school, head.Item1);
        var classB = await admin.CreateClassAsync(school, otherHead.Item1);
        var s1 = await Student(classA, true);
        var s2 = await Student(classA, true);
        var s3 = await Student(classA, false);
        var s4 = await Student(classA, true);
        var t1 = await Student(classB, true);
        await Publish(classA, [mentor.Item1, other.Item1], (s1.Item1, mentor.Item1), (s2.Item1, mentor.Item1), (s3.Item1, other.Item1), (s4.Item1, mentor.Item1));
        await Publish(classB, [other.Item1], (t1.Item1, other.Item1));
        return new World(school, admin, semester, mentor, other, head, otherHead, s1, s2.Item1, s3.Item1, s4.Item1, t1, classA, classB);
    }

    private static object Talk(World w, Guid student, int day = -1, object? followUps = null) => new
    {
        kind = "talk", studentIds = new[] { student }, semesterId = w.SemesterId, occurredOn = Day(day),
        domains = new[] { "study", "psychological" }, summary = "谈心：最近作业拖欠，约定每天放学前检查。", followUps = followUps ?? Array.Empty<object>(),
    };

    private static object HomeVisit(World w, Guid student, Guid[] coVisitors) => new
    {
        kind = "parentContact", mode = "homeVisit", studentIds = new[] { student }, semesterId = w.SemesterId, occurredOn = Day(-2),
        domains = new[] { "life" }, summary = "家访：与奶奶沟通作息安排。", coVisitorIds = coVisitors,
    };

    private async Task<JsonElement> RecordAsync(HttpClient client, World w, object body) =>
        await (await client.PostAsJsonAsync(w.School.Route("activities"), body, Ct)).ShouldBeJson(HttpStatusCode.Created);

    private async Task<long> ActivityRowsAsync() =>
        Convert.ToInt64(await RawDatabase.ScalarAsync(App.Factory, "SELECT COUNT(*) FROM \"GuidanceActivities\"", Ct));

    private async Task<long> OutboxRowsAsync(string type, Guid mentioning) =>
        Convert.ToInt64(await RawDatabase.ScalarAsync(App.Factory, "SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Type\" = @type AND CAST(\"Payload\" AS TEXT) LIKE @id", Ct,
            ("type", type), ("id", $"%{mentioning}%")));

    private async Task ShouldBeRuleViolationAsync(HttpClient client, World w, object body, HttpStatusCode status = HttpStatusCode.UnprocessableEntity)
    {
        var before = await ActivityRowsAsync();
        var problem = await (await client.PostAsJsonAsync(w.School.Route("activities"), body, Ct)).ShouldBeProblem(status);
        if (status == HttpStatusCode.UnprocessableEntity) problem.GetProperty("detail").GetString()!.ShouldContain("R10");
        (await ActivityRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_mentor_records_a_talk_and_the_fact_is_audited_and_published_with_ids_only_R10()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);

        var response = await mentor.PostAsJsonAsync(w.School.Route("activities"),
            Talk(w, w.S1.Id, followUps: new[] { new { action = "下周复查作业", dueOn = Day(6) } }), Ct);
        var created = await response.ShouldBeJson(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe(w.School.Route($"activities/{id}"));
        created.GetProperty("kind").GetString().ShouldBe("talk");
        created.GetProperty("domains").EnumerateArray().Select(d => d.GetString()).ShouldBe(["study", "psychological"]);
        created.GetProperty("recordedById").GetGuid().ShouldBe(w.Mentor.Id);
        created.GetProperty("followUps")[0].GetProperty("dueOn").GetString().ShouldBe(Day(6));

        var read = await mentor.GetAsync(response.Headers.Location, Ct);
        (await read.ShouldBeJson(HttpStatusCode.OK)).GetProperty("summary").GetString().ShouldStartWith("谈心");
        read.Headers.ETag!.Tag.ShouldBe("\"1\"");

        (await w.Admin.AuditActionsAsync(w.School, w.S1.Id)).ShouldContain("activity.recorded");
        (await OutboxRowsAsync("activity.recorded", id)).ShouldBe(1);
        var payload = (string)(await RawDatabase.ScalarAsync(App.Factory, "SELECT CAST(\"Payload\" AS TEXT) FROM \"OutboxMessages\" WHERE CAST(\"Payload\" AS TEXT) LIKE @id", Ct,
            ("id", $"%{id}%")))!;
        payload.ShouldNotContain("谈心");
        payload.ShouldContain(w.S1.Id.ToString());
    }

    [Fact]
    public async Task A_group_talk_covers_several_mentees_but_a_talk_only_one()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);

        var group = await RecordAsync(mentor, w, new
        {
            kind = "groupTalk", studentIds = new[] { w.S1.Id, w.S2 }, semesterId = w.SemesterId, occurredOn = Day(-3), domains = new[] { "growth" }, summary = "座谈：学习方法交流。",
        });
        group.GetProperty("studentIds").EnumerateArray().Select(s => s.GetGuid()).ShouldBe([w.S1.Id, w.S2], ignoreOrder: true);

        var problem = await (await mentor.PostAsJsonAsync(w.School.Route("activities"), new
        {
            kind = "talk", studentIds = new[] { w.S1.Id, w.S2 }, semesterId = w.SemesterId, occurredOn = Day(-3), domains = new[] { "growth" }, summary = "谈心",
        }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor("studentIds").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Only_a_current_mentor_of_every_listed_student_records_R10()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);
        using var head = await Api.As(w.Head.Login);

        // The head teacher reaches the class's students but mentors none of them.
        await ShouldBeRuleViolationAsync(head, w, Talk(w, w.S1.Id));
        // A group talk with one student of another mentor: S3 is outside the mentor's reach.
        await ShouldBeRuleViolationAsync(mentor, w, new
        {
            kind = "groupTalk", studentIds = new[] { w.S1.Id, w.S3 }, semesterId = w.SemesterId, occurredOn = Day(-1), domains = new[] { "growth" }, summary = "座谈",
        }, HttpStatusCode.NotFound);
        // A student of another class: out of reach, so not found.
        await ShouldBeRuleViolationAsync(mentor, w, Talk(w, w.T1.Id), HttpStatusCode.NotFound);
        // School admins and students do not record.
        await ShouldBeRuleViolationAsync(w.Admin, w, Talk(w, w.S1.Id), HttpStatusCode.Forbidden);
        using var student = await Api.As(w.S1.Login);
        await ShouldBeRuleViolationAsync(student, w, Talk(w, w.S1.Id), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_head_teacher_records_a_joint_home_visit_with_the_students_mentors_as_co_visitors_R10()
    {
        var w = await WorldAsync();
        using var head = await Api.As(w.Head.Login);

        var visit = await RecordAsync(head, w, HomeVisit(w, w.S1.Id, [w.Mentor.Id]));
        visit.GetProperty("mode").GetString().ShouldBe("homeVisit");
        visit.GetProperty("coVisitorIds")[0].GetGuid().ShouldBe(w.Mentor.Id);

        await ShouldBeRuleViolationAsync(head, w, HomeVisit(w, w.S1.Id, []));
        await ShouldBeRuleViolationAsync(head, w, HomeVisit(w, w.S1.Id, [w.Other.Id]));
        await ShouldBeRuleViolationAsync(head, w, HomeVisit(w, w.S1.Id, [Guid.CreateVersion7()]));
        await ShouldBeRuleViolationAsync(head, w, new
        {
            kind = "parentContact", mode = "phone", studentIds = new[] { w.S1.Id }, semesterId = w.SemesterId, occurredOn = Day(-2), domains = new[] { "life" }, summary = "电话沟通",
        });
        // Another class's head teacher does not reach the student at all.
        using var otherHead = await Api.As(w.OtherHead.Login);
        await ShouldBeRuleViolationAsync(otherHead, w, HomeVisit(w, w.S1.Id, [w.Mentor.Id]), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_day_lies_inside_the_semester_and_not_in_the_future_R10()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);

        await ShouldBeRuleViolationAsync(mentor, w, Talk(w, w.S1.Id, day: 1));
        await ShouldBeRuleViolationAsync(mentor, w, Talk(w, w.S1.Id, day: -31));
        (await RecordAsync(mentor, w, Talk(w, w.S1.Id, day: 0))).GetProperty("occurredOn").GetString().ShouldBe(Day(0));
        await ShouldBeRuleViolationAsync(mentor, w, new
        {
            kind = "talk", studentIds = new[] { w.S1.Id }, semesterId = Guid.CreateVersion7(), occurredOn = Day(-1), domains = new[] { "study" }, summary = "谈心",
        }, HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "domains", """{"kind":"talk","studentIds":["{s}"],"semesterId":"{sem}","occurredOn":"{day}","domains":[],"summary":"谈心"}""" },
        { "studentIds", """{"kind":"groupTalk","studentIds":[],"semesterId":"{sem}","occurredOn":"{day}","domains":["study"],"summary":"座谈"}""" },
        { "studentIds", """{"kind":"groupTalk","studentIds":["{s}","{s}"],"semesterId":"{sem}","occurredOn":"{day}","domains":["study"],"summary":"座谈"}""" },
        { "mode", """{"kind":"parentContact","studentIds":["{s}"],"semesterId":"{sem}","occurredOn":"{day}","domains":["life"],"summary":"家访"}""" },
        { "mode", """{"kind":"talk","mode":"phone","studentIds":["{s}"],"semesterId":"{sem}","occurredOn":"{day}","domains":["life"],"summary":"谈心"}""" },
        { "summary", """{"kind":"talk","studentIds":["{s}"],"semesterId":"{sem}","occurredOn":"{day}","domains":["life"],"summary":" "}""" },
        { "followUps[0]", """{"kind":"talk","studentIds":["{s}"],"semesterId":"{sem}","occurredOn":"{day}","domains":["life"],"summary":"谈心","followUps":[{"action":"复查","dueOn":"2000-01-01"}]}""" },
        { "coVisitorIds", """{"kind":"talk","studentIds":["{s}"],"semesterId":"{sem}","occurredOn":"{day}","domains":["life"],"summary":"谈心","coVisitorIds":["{s}"]}""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_activity_is_refused_field_by_field_and_nothing_is_recorded(string field, string template)
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);
        var body = template.Replace("{s}", w.S1.Id.ToString()).Replace("{sem}", w.SemesterId.ToString()).Replace("{day}", Day(-1));
        var before = await ActivityRowsAsync();

        var problem = await (await mentor.PostAsync(w.School.Route("activities"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(n => n.StartsWith(field, StringComparison.Ordinal));
        (await ActivityRowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Only_the_author_edits_with_the_version_they_read_and_the_edit_is_audited()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);
        using var head = await Api.As(w.Head.Login);
        var id = (await RecordAsync(mentor, w, Talk(w, w.S1.Id, followUps: new[] { new { action = "复查作业", dueOn = Day(5) } }))).GetProperty("id").GetGuid();
        var read = await (await mentor.GetAsync(w.School.Route($"activities/{id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var followUpId = read.GetProperty("followUps")[0].GetProperty("id").GetGuid();
        object Revision(string summary) => new
        {
            kind = "talk", studentIds = new[] { w.S1.Id }, occurredOn = Day(-2), domains = new[] { "thinking" }, summary,
            followUps = new object[] { new { id = followUpId, action = "复查作业并签字", dueOn = Day(7) }, new { action = "联系家长", dueOn = Day(3) } },
        };
        HttpRequestMessage Put(object body, string? ifMatch)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, w.School.Route($"activities/{id}")) { Content = JsonContent.Create(body) };
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return request;
        }

        await (await head.SendAsync(Put(Revision("班主任改写"), "\"1\""), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        using var other = await Api.As(w.Other.Login);
        await (await other.SendAsync(Put(Revision("别人改写"), "\"1\""), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await mentor.SendAsync(Put(Revision("没有版本"), null), Ct)).ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        await (await mentor.SendAsync(Put(Revision("旧版本"), "\"7\""), Ct)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        var edited = await mentor.SendAsync(Put(Revision("补充：已与家长沟通"), "\"1\""), Ct);
        var body = await edited.ShouldBeJson(HttpStatusCode.OK);
        edited.Headers.ETag!.Tag.ShouldBe("\"2\"");
        body.GetProperty("summary").GetString().ShouldBe("补充：已与家长沟通");
        body.GetProperty("occurredOn").GetString().ShouldBe(Day(-2));
        body.GetProperty("followUps").GetArrayLength().ShouldBe(2);
        body.GetProperty("followUps").EnumerateArray().Single(f => f.GetProperty("id").GetGuid() == followUpId).GetProperty("action").GetString().ShouldBe("复查作业并签字");
        (await w.Admin.AuditActionsAsync(w.School, w.S1.Id)).ShouldContain("activity.edited");
    }

    [Fact]
    public async Task The_times_in_a_write_answer_are_those_read_back_later()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);
        var recorded = await RecordAsync(mentor, w, Talk(w, w.S1.Id));
        var id = recorded.GetProperty("id").GetGuid();
        var edit = new HttpRequestMessage(HttpMethod.Put, w.School.Route($"activities/{id}"))
        {
            Content = JsonContent.Create(new { kind = "talk", studentIds = new[] { w.S1.Id }, occurredOn = Day(-1), domains = new[] { "study" }, summary = "补充" }),
        };
        edit.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var edited = await (await mentor.SendAsync(edit, Ct)).ShouldBeJson(HttpStatusCode.OK);

        var read = await (await mentor.GetAsync(w.School.Route($"activities/{id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        read.GetProperty("recordedAt").GetString().ShouldBe(recorded.GetProperty("recordedAt").GetString());
        read.GetProperty("editedAt").GetString().ShouldBe(edited.GetProperty("editedAt").GetString());
        edited.GetProperty("recordedAt").GetString().ShouldBe(recorded.GetProperty("recordedAt").GetString());
    }

    [Fact]
    public async Task A_deleted_activity_is_hidden_everywhere_but_kept_and_audited()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);
        using var head = await Api.As(w.Head.Login);
        var id = (await RecordAsync(mentor, w, Talk(w, w.S1.Id))).GetProperty("id").GetGuid();

        await (await head.DeleteAsync(w.School.Route($"activities/{id}"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await w.Admin.DeleteAsync(w.School.Route($"activities/{id}"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await mentor.DeleteAsync(w.School.Route($"activities/{id}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await mentor.GetAsync(w.School.Route($"activities/{id}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await mentor.DeleteAsync(w.School.Route($"activities/{id}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        var list = await (await w.Admin.GetAsync(w.School.Route($"activities?studentId={w.S1.Id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        list.GetProperty("totalCount").GetInt32().ShouldBe(0);
        var care = await (await w.Admin.GetAsync(w.School.Route("priority-care"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        care.GetProperty("students").EnumerateArray().Single(s => s.GetProperty("studentId").GetGuid() == w.S1.Id)
            .GetProperty("lastTalkOn").ValueKind.ShouldBe(JsonValueKind.Null);

        (await RawDatabase.ScalarAsync(App.Factory, "SELECT COUNT(*) FROM \"GuidanceActivities\" WHERE \"Id\" = @id AND \"DeletedAt\" IS NOT NULL", Ct, ("id", id)))
            .ShouldBe(1L);
        (await w.Admin.AuditActionsAsync(w.School, w.S1.Id)).ShouldContain("activity.deleted");
    }

    [Fact]
    public async Task Once_the_semester_has_closed_its_activities_no_longer_change_R10()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);
        var created = await RecordAsync(mentor, w, Talk(w, w.S1.Id, followUps: new[] { new { action = "复查", dueOn = Day(2) } }));
        var id = created.GetProperty("id").GetGuid();
        var followUpId = created.GetProperty("followUps")[0].GetProperty("id").GetGuid();
        await RawDatabase.ScalarAsync(App.Factory, "UPDATE \"Semesters\" SET \"StartsOn\" = @starts, \"EndsOn\" = @ends WHERE \"Id\" = @id", Ct,
            ("starts", Today.AddDays(-120)), ("ends", Today.AddDays(-1)), ("id", w.SemesterId));

        var request = new HttpRequestMessage(HttpMethod.Put, w.School.Route($"activities/{id}"))
        {
            Content = JsonContent.Create(new { kind = "talk", studentIds = new[] { w.S1.Id }, occurredOn = Day(-3), domains = new[] { "study" }, summary = "改写" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (await (await mentor.SendAsync(request, Ct)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("R10");
        (await (await mentor.DeleteAsync(w.School.Route($"activities/{id}"), Ct)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity))
            .GetProperty("detail").GetString()!.ShouldContain("R10");
        await (await mentor.PostAsync(w.School.Route($"activities/{id}/follow-ups/{followUpId}/complete"), null, Ct)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        var kept = await (await w.Admin.GetAsync(w.School.Route($"activities/{id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        kept.GetProperty("summary").GetString().ShouldStartWith("谈心");
        kept.GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Each_caller_sees_the_activities_within_their_reach_R16()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);
        using var other = await Api.As(w.Other.Login);
        var mine = (await RecordAsync(mentor, w, Talk(w, w.S1.Id, followUps: new[] { new { action = "复查", dueOn = Day(2) } }))).GetProperty("id").GetGuid();
        var theirs = (await RecordAsync(other, w, Talk(w, w.T1.Id))).GetProperty("id").GetGuid();

        async Task<List<Guid>> Listed(HttpClient client, string query = "") =>
            [.. (await (await client.GetAsync(w.School.Route($"activities{query}"), Ct)).ShouldBeJson(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid())];

        (await Listed(w.Admin)).ShouldBe([mine, theirs], ignoreOrder: true);
        (await Listed(w.Admin, $"?mentorId={w.Other.Id}")).ShouldBe([theirs]);
        (await Listed(w.Admin, $"?studentId={w.S1.Id}&kind=talk&semesterId={w.SemesterId}")).ShouldBe([mine]);
        (await Listed(w.Admin, "?kind=groupTalk")).ShouldBeEmpty();
        await (await w.Admin.GetAsync(w.School.Route("activities?kind=chat"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await Listed(mentor)).ShouldBe([mine]);
        (await Listed(other)).ShouldBe([theirs]);
        using (var head = await Api.As(w.Head.Login)) (await Listed(head)).ShouldBe([mine]);
        using (var otherHead = await Api.As(w.OtherHead.Login)) (await Listed(otherHead)).ShouldBe([theirs]);
        await (await other.GetAsync(w.School.Route($"activities/{mine}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);

        using var self = await Api.As(w.S1.Login);
        (await Listed(self)).ShouldBe([mine]);
        var seen = await (await self.GetAsync(w.School.Route($"activities/{mine}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        seen.GetProperty("summary").ValueKind.ShouldBe(JsonValueKind.Null);
        seen.GetProperty("followUps").GetArrayLength().ShouldBe(0);
        using var otherStudent = await Api.As(w.T1.Login);
        await (await otherStudent.GetAsync(w.School.Route($"activities/{mine}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);

        var otherSchool = await Api.CreateSchoolAsync();
        using var otherAdmin = await Api.As(otherSchool.SchoolAdmin);
        await (await otherAdmin.GetAsync(w.School.Route($"activities/{mine}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await otherAdmin.GetAsync(w.School.Route("activities"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await Listed(w.Admin, $"?studentId={Guid.CreateVersion7()}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_author_completes_a_follow_up_once_and_not_on_a_day_to_come_R10()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);
        using var head = await Api.As(w.Head.Login);
        var created = await RecordAsync(mentor, w, Talk(w, w.S1.Id, followUps: new[] { new { action = "复查", dueOn = Day(2) } }));
        var id = created.GetProperty("id").GetGuid();
        var followUp = created.GetProperty("followUps")[0].GetProperty("id").GetGuid();
        var route = w.School.Route($"activities/{id}/follow-ups/{followUp}/complete");

        await (await head.PostAsync(route, null, Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await mentor.PostAsync(w.School.Route($"activities/{id}/follow-ups/{Guid.CreateVersion7()}/complete"), null, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        var early = await (await mentor.PostAsync($"{route}?completedOn={Day(1)}", null, Ct)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        early.GetProperty("rule").GetString().ShouldBe("R10");
        early.GetProperty("violation").GetProperty("completedOn").GetString().ShouldBe(Day(1));
        early.GetProperty("violation").GetProperty("today").GetString().ShouldBe(Day(0));
        var done = await (await mentor.PostAsync(route, null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        done.GetProperty("followUps")[0].GetProperty("completedOn").GetString().ShouldBe(Day(0));
        await (await mentor.PostAsync(route, null, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);
        (await w.Admin.AuditActionsAsync(w.School, w.S1.Id)).ShouldContain("activity.recorded");
    }

    [Fact]
    public async Task Priority_care_lists_flagged_students_most_neglected_first_R5()
    {
        var w = await WorldAsync();
        using var mentor = await Api.As(w.Mentor.Login);
        await RecordAsync(mentor, w, Talk(w, w.S2, day: -10, followUps: new[] { new { action = "联系家长", dueOn = Day(-5) } }));
        await RecordAsync(mentor, w, Talk(w, w.S4, day: -2));
        await RecordAsync(mentor, w, new
        {
            kind = "parentContact", mode = "phone", studentIds = new[] { w.S4 }, semesterId = w.SemesterId, occurredOn = Day(-4), domains = new[] { "life" }, summary = "电话沟通",
        });

        using var head = await Api.As(w.Head.Login);
        var care = await (await head.GetAsync(w.School.Route($"priority-care?semesterId={w.SemesterId}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var students = care.GetProperty("students").EnumerateArray().ToList();
        students.Select(s => s.GetProperty("studentId").GetGuid()).ShouldBe([w.S1.Id, w.S2, w.S4]);
        students[0].GetProperty("daysSinceLastTalk").ValueKind.ShouldBe(JsonValueKind.Null);
        students[0].GetProperty("mentors")[0].GetProperty("teacherId").GetGuid().ShouldBe(w.Mentor.Id);
        students[1].GetProperty("daysSinceLastTalk").GetInt32().ShouldBe(10);
        students[1].GetProperty("overdueFollowUps")[0].GetProperty("action").GetString().ShouldBe("联系家长");
        students[2].GetProperty("daysSinceLastTalk").GetInt32().ShouldBe(2);
        students[2].GetProperty("daysSinceLastParentContact").GetInt32().ShouldBe(4);
        students[2].GetProperty("attentionFlags")[0].GetString().ShouldBe("leftBehind");

        var all = await (await w.Admin.GetAsync(w.School.Route("priority-care"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        all.GetProperty("students").EnumerateArray().Select(s => s.GetProperty("studentId").GetGuid()).ShouldBe([w.S1.Id, w.T1.Id, w.S2, w.S4], ignoreOrder: true);
        all.GetProperty("students").EnumerateArray().Select(s => s.GetProperty("studentId").GetGuid()).ShouldNotContain(w.S3);
        await (await mentor.GetAsync(w.School.Route("priority-care"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        using var student = await Api.As(w.S1.Login);
        await (await student.GetAsync(w.School.Route("priority-care"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await head.GetAsync(w.School.Route($"priority-care?semesterId={Guid.CreateVersion7()}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}

public sealed class ActivityTestsOnSqlite(SqliteApp app) : ActivityTests<SqliteApp>(app);

public sealed class ActivityTestsOnPostgres(PostgresApp app) : ActivityTests<PostgresApp>(app);
