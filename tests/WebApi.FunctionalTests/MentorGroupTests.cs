using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

public abstract class MentorGroupTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private sealed record ClassSetup(Guid ClassId, string HeadTeacher, Guid HeadTeacherId, List<(Guid Id, string Login)> Students);

    private sealed record Setup(SchoolSetup School, HttpClient Admin, Guid SemesterId, List<(Guid Id, string Login)> Mentors);

    private async Task<Setup> SchoolAsync(int mentors = 3, int? cap = null)
    {
        var school = await Api.CreateSchoolAsync();
        var admin = await Api.As(school.SchoolAdmin);
        if (cap is { } c)
        {
            var policy = await (await admin.GetAsync(school.Route("policy"), Ct)).ShouldBeJson(HttpStatusCode.OK);
            var body = JsonSerializer.Deserialize<Dictionary<string, object>>(policy.GetRawText())!;
            body["maxStudentsPerMentor"] = c;
            (await admin.PutAsJsonAsync(school.Route("policy"), body, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var semester = await (await admin.PostAsJsonAsync(school.Route("semesters"),
            new { label = "本学期", startsOn = today.AddDays(-20).ToString("yyyy-MM-dd"), endsOn = today.AddDays(100).ToString("yyyy-MM-dd") }, Ct)).ShouldBeJson(HttpStatusCode.Created);
        var mentorList = new List<(Guid, string)>();
        for (var i = 0; i < mentors; i++)
        {
            var login = TestApi.UniqueCode("m");
            mentorList.Add((await admin.CreateTeacherAsync(school, login), login));
        }
        return new Setup(school, admin, semester.GetProperty("id").GetGuid(), mentorList);
    }

    private async Task<ClassSetup> ClassAsync(Setup s, int students, int priorityCare = 0)
    {
        var head = TestApi.UniqueCode("head");
        var headId = await s.Admin.CreateTeacherAsync(s.School, head);
        var classId = await s.Admin.CreateClassAsync(s.School, headId);
        var list = new List<(Guid, string)>();
        for (var i = 0; i < students; i++)
        {
            var login = TestApi.UniqueCode("stu");
            var response = await s.Admin.PostAsJsonAsync(s.School.Route("students"), new
            {
                name = $"学生{i}", studentNo = $"{login}", classId, gender = i % 2 == 0 ? "male" : "female",
                attentionFlags = i < priorityCare ? new[] { "leftBehind" } : [],
                account = new { username = login, password = TestApi.Password },
            }, Ct);
            list.Add(((await response.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid(), login));
        }
        return new ClassSetup(classId, head, headId, list);
    }

    private async Task<Guid> GroupAsync(Setup s, ClassSetup c, HttpClient? client = null, IEnumerable<Guid>? mentors = null)
    {
        var response = await (client ?? s.Admin).PostAsJsonAsync(s.School.Route("mentor-groups"),
            new { classId = c.ClassId, semesterId = s.SemesterId, mentorIds = (mentors ?? s.Mentors.Select(m => m.Id)).ToArray() }, Ct);
        return (await response.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static string Closes => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(7).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Two_way_selection_from_forming_to_publishing_R4_R6()
    {
        var s = await SchoolAsync(mentors: 3);
        var c = await ClassAsync(s, students: 6, priorityCare: 1);
        using var head = await Api.As(c.HeadTeacher);

        var response = await head.PostAsJsonAsync(s.School.Route("mentor-groups"), new { classId = c.ClassId, semesterId = s.SemesterId, mentorIds = s.Mentors.Select(m => m.Id).ToArray() }, Ct);
        var group = await response.ShouldBeJson(HttpStatusCode.Created);
        var id = group.GetProperty("id").GetGuid();
        group.GetProperty("phase").GetString().ShouldBe("draft");
        group.GetProperty("students")[0].GetProperty("attentionFlags")[0].GetString().ShouldBe("leftBehind");

        (await head.PostAsJsonAsync(s.School.Route($"mentor-groups/{id}/open-selection"), new { closesOn = Closes }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var student = await Api.As(c.Students[1].Login))
            (await student.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/preferences/{c.Students[1].Id}"), new { rankedMentorIds = new[] { s.Mentors[2].Id, s.Mentors[0].Id } }, Ct))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await head.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/preferences/{c.Students[2].Id}"), new { rankedMentorIds = new[] { s.Mentors[1].Id } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var mentor = await Api.As(s.Mentors[0].Login))
            (await mentor.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/mentor-preferences/{s.Mentors[0].Id}"), new { welcomedStudentIds = new[] { c.Students[3].Id } }, Ct))
                .StatusCode.ShouldBe(HttpStatusCode.OK);

        var match = await (await head.PostAsync(s.School.Route($"mentor-groups/{id}/match"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        var assignments = match.GetProperty("assignments").EnumerateArray().ToDictionary(a => a.GetProperty("studentId").GetGuid(), a => a.GetProperty("mentorIds")[0].GetGuid());
        assignments.Count.ShouldBe(6);
        assignments[c.Students[1].Id].ShouldBe(s.Mentors[2].Id);
        assignments[c.Students[2].Id].ShouldBe(s.Mentors[1].Id);
        match.GetProperty("unmatched").GetArrayLength().ShouldBe(0);
        match.GetProperty("autoAssigned").GetArrayLength().ShouldBe(4);

        var published = await (await head.PostAsync(s.School.Route($"mentor-groups/{id}/publish"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        published.GetProperty("phase").GetString().ShouldBe("published");
        published.GetProperty("mentors").EnumerateArray().Sum(m => m.GetProperty("menteesHere").GetInt32()).ShouldBe(6);

        using var member = await Api.As(c.Students[1].Login);
        var list = await (await member.GetAsync(s.School.Route($"mentor-groups/{id}/published-list"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        list.GetProperty("mentors").GetArrayLength().ShouldBe(3);
        list.GetProperty("students").EnumerateArray().Single(x => x.GetProperty("studentId").GetGuid() == c.Students[1].Id)
            .GetProperty("mentorIds")[0].GetGuid().ShouldBe(s.Mentors[2].Id);
        var mine = await (await member.GetAsync(s.School.Route($"students/{c.Students[1].Id}/mentors"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        mine.EnumerateArray().Single().GetProperty("mentorId").GetGuid().ShouldBe(s.Mentors[2].Id);

        using var mentorClient = await Api.As(s.Mentors[2].Login);
        var mentees = await (await mentorClient.GetAsync(s.School.Route($"teachers/{s.Mentors[2].Id}/mentees"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        mentees.EnumerateArray().Select(m => m.GetProperty("studentId").GetGuid()).ShouldContain(c.Students[1].Id);
        var visible = await (await mentorClient.GetAsync(s.School.Route("students"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        visible.GetProperty("totalCount").GetInt32().ShouldBe(mentees.GetArrayLength());

        var listed = await (await s.Admin.GetAsync(s.School.Route($"mentor-groups?semesterId={s.SemesterId}&classId={c.ClassId}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var summary = listed.GetProperty("items").EnumerateArray().Single();
        summary.GetProperty("mentorCount").GetInt32().ShouldBe(3);
        summary.GetProperty("assignedStudentCount").GetInt32().ShouldBe(6);
        summary.GetProperty("phase").GetString().ShouldBe("published");
        var asMentor = await (await mentorClient.GetAsync(s.School.Route("mentor-groups"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        asMentor.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()).ShouldBe([id]);
        var outsider = TestApi.UniqueCode("outsider");
        await s.Admin.CreateTeacherAsync(s.School, outsider);
        using var outsiderClient = await Api.As(outsider);
        (await (await outsiderClient.GetAsync(s.School.Route("mentor-groups"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Published_list_is_hidden_from_other_classes_and_before_publishing()
    {
        var s = await SchoolAsync(mentors: 1);
        var c = await ClassAsync(s, students: 1);
        var other = await ClassAsync(s, students: 1);
        var id = await GroupAsync(s, c);
        using var student = await Api.As(c.Students[0].Login);
        await (await student.GetAsync(s.School.Route($"mentor-groups/{id}/published-list"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);

        await s.Admin.PostAsync(s.School.Route($"mentor-groups/{id}/match"), null, Ct);
        (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{id}/publish"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await student.GetAsync(s.School.Route($"mentor-groups/{id}/published-list"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stranger = await Api.As(other.Students[0].Login);
        await (await stranger.GetAsync(s.School.Route($"mentor-groups/{id}/published-list"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await stranger.GetAsync(s.School.Route($"mentor-groups/{id}"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Auto_assignment_prefers_a_mentor_who_teaches_the_class_R4()
    {
        var s = await SchoolAsync(mentors: 2);
        var c = await ClassAsync(s, students: 1);
        // The second mentor (higher id, so not first by tie-break) teaches the class.
        (await s.Admin.PutAsJsonAsync(s.School.Route($"teachers/{s.Mentors[1].Id}"), new { name = "任课老师", subjects = new[] { "数学" }, classIds = new[] { c.ClassId } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = await GroupAsync(s, c);

        var match = await (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{id}/match"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);

        match.GetProperty("autoAssigned").EnumerateArray().Single().GetGuid().ShouldBe(c.Students[0].Id);
        match.GetProperty("assignments")[0].GetProperty("mentorIds")[0].GetGuid().ShouldBe(s.Mentors[1].Id);
    }

    [Fact]
    public async Task Mentee_and_mentor_views_are_for_the_people_concerned()
    {
        var s = await SchoolAsync(mentors: 2);
        var c = await ClassAsync(s, students: 2);
        var id = await GroupAsync(s, c);
        await s.Admin.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/assignments/{c.Students[0].Id}"), new { mentorIds = new[] { s.Mentors[0].Id } }, Ct);

        using var otherMentor = await Api.As(s.Mentors[1].Login);
        await (await otherMentor.GetAsync(s.School.Route($"teachers/{s.Mentors[0].Id}/mentees"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await otherMentor.GetAsync(s.School.Route($"students/{c.Students[0].Id}/mentors"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        using var student = await Api.As(c.Students[1].Login);
        await (await student.GetAsync(s.School.Route($"teachers/{s.Mentors[0].Id}/mentees"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await student.GetAsync(s.School.Route($"students/{c.Students[0].Id}/mentors"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        using var head = await Api.As(c.HeadTeacher);
        var mentors = await (await head.GetAsync(s.School.Route($"students/{c.Students[0].Id}/mentors"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        mentors.EnumerateArray().Single().GetProperty("mentorId").GetGuid().ShouldBe(s.Mentors[0].Id);
    }

    [Fact]
    public async Task A_student_ranking_for_another_student_is_told_it_does_not_exist()
    {
        var s = await SchoolAsync(mentors: 2);
        var c = await ClassAsync(s, students: 2);
        var id = await GroupAsync(s, c);
        await s.Admin.PostAsJsonAsync(s.School.Route($"mentor-groups/{id}/open-selection"), new { closesOn = Closes }, Ct);
        using var student = await Api.As(c.Students[0].Login);
        await (await student.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/preferences/{c.Students[1].Id}"), new { rankedMentorIds = new[] { s.Mentors[0].Id } }, Ct))
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_mentor_setting_another_mentors_welcomes_is_told_it_does_not_exist()
    {
        var s = await SchoolAsync(mentors: 2);
        var c = await ClassAsync(s, students: 1);
        var id = await GroupAsync(s, c);
        await s.Admin.PostAsJsonAsync(s.School.Route($"mentor-groups/{id}/open-selection"), new { closesOn = Closes }, Ct);
        using var mentor = await Api.As(s.Mentors[0].Login);
        await (await mentor.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/mentor-preferences/{s.Mentors[1].Id}"), new { welcomedStudentIds = new[] { c.Students[0].Id } }, Ct))
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_teacher_who_does_not_head_the_class_cannot_form_or_publish_its_group()
    {
        var s = await SchoolAsync(mentors: 1);
        var c = await ClassAsync(s, students: 1);
        using var outsider = await Api.As(s.Mentors[0].Login);
        await (await outsider.PostAsJsonAsync(s.School.Route("mentor-groups"), new { classId = c.ClassId, semesterId = s.SemesterId, mentorIds = Array.Empty<Guid>() }, Ct))
            .ShouldBeProblem(HttpStatusCode.NotFound);

        var id = await GroupAsync(s, c);
        await s.Admin.PostAsync(s.School.Route($"mentor-groups/{id}/match"), null, Ct);
        await (await outsider.PostAsync(s.School.Route($"mentor-groups/{id}/publish"), null, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await outsider.PostAsync(s.School.Route($"mentor-groups/{id}/match"), null, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        // As a mentor of the group the teacher may read it.
        (await outsider.GetAsync(s.School.Route($"mentor-groups/{id}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task One_group_per_class_and_semester()
    {
        var s = await SchoolAsync(mentors: 1);
        var c = await ClassAsync(s, students: 0);
        await GroupAsync(s, c);
        await (await s.Admin.PostAsJsonAsync(s.School.Route("mentor-groups"), new { classId = c.ClassId, semesterId = s.SemesterId, mentorIds = Array.Empty<Guid>() }, Ct))
            .ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Publishing_with_uncovered_students_answers_422_listing_them_R1()
    {
        var s = await SchoolAsync(mentors: 1);
        var c = await ClassAsync(s, students: 3);
        var id = await GroupAsync(s, c);
        (await s.Admin.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/assignments/{c.Students[0].Id}"), new { mentorIds = new[] { s.Mentors[0].Id } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var problem = await (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{id}/publish"), null, Ct)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("rule").GetString().ShouldBe("R1");
        problem.GetProperty("violation").GetProperty("uncoveredStudentIds").EnumerateArray().Select(e => e.GetGuid())
            .ShouldBe([c.Students[1].Id, c.Students[2].Id], ignoreOrder: true);
        var group = await (await s.Admin.GetAsync(s.School.Route($"mentor-groups/{id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        group.GetProperty("phase").GetString().ShouldBe("draft");
    }

    [Fact]
    public async Task The_cap_holds_across_two_groups_sharing_a_mentor_R3()
    {
        var s = await SchoolAsync(mentors: 1, cap: 2);
        var a = await ClassAsync(s, students: 2);
        var b = await ClassAsync(s, students: 1);
        var groupA = await GroupAsync(s, a);
        var groupB = await GroupAsync(s, b);
        var mentor = s.Mentors[0].Id;

        foreach (var student in a.Students)
            (await s.Admin.PutAsJsonAsync(s.School.Route($"mentor-groups/{groupA}/assignments/{student.Id}"), new { mentorIds = new[] { mentor } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var problem = await (await s.Admin.PutAsJsonAsync(s.School.Route($"mentor-groups/{groupB}/assignments/{b.Students[0].Id}"), new { mentorIds = new[] { mentor } }, Ct))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("rule").GetString().ShouldBe("R3");

        var detail = await (await s.Admin.GetAsync(s.School.Route($"mentor-groups/{groupB}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var row = detail.GetProperty("mentors")[0];
        row.GetProperty("load").GetInt32().ShouldBe(2);
        row.GetProperty("remainingCapacity").GetInt32().ShouldBe(0);
        detail.GetProperty("students")[0].GetProperty("mentors").GetArrayLength().ShouldBe(0);

        var match = await (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{groupB}/match"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        match.GetProperty("unmatched").EnumerateArray().Single().GetGuid().ShouldBe(b.Students[0].Id);
        match.GetProperty("shortfall").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Several_mentors_only_for_priority_care_students_and_within_the_limit_R5()
    {
        var s = await SchoolAsync(mentors: 4);
        var c = await ClassAsync(s, students: 2, priorityCare: 1);
        var id = await GroupAsync(s, c);
        var ids = s.Mentors.Select(m => m.Id).ToArray();

        var plain = await (await s.Admin.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/assignments/{c.Students[1].Id}"), new { mentorIds = ids[..2] }, Ct))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        plain.GetProperty("rule").GetString().ShouldBe("R5");
        (await s.Admin.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/assignments/{c.Students[0].Id}"), new { mentorIds = ids[..3] }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var tooMany = await (await s.Admin.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/assignments/{c.Students[0].Id}"), new { mentorIds = ids }, Ct))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        tooMany.GetProperty("rule").GetString().ShouldBe("R5");

        var group = await (await s.Admin.GetAsync(s.School.Route($"mentor-groups/{id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        group.GetProperty("mentors").EnumerateArray().Select(m => m.GetProperty("load").GetInt32()).ShouldBe([1, 1, 1, 0]);
    }

    [Fact]
    public async Task Adjustments_after_publishing_are_allowed_and_recorded()
    {
        var s = await SchoolAsync(mentors: 2);
        var c = await ClassAsync(s, students: 1);
        var id = await GroupAsync(s, c);
        await s.Admin.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/assignments/{c.Students[0].Id}"), new { mentorIds = new[] { s.Mentors[0].Id } }, Ct);
        (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{id}/publish"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var head = await Api.As(c.HeadTeacher);
        (await head.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/assignments/{c.Students[0].Id}"), new { mentorIds = new[] { s.Mentors[1].Id } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var group = await (await head.GetAsync(s.School.Route($"mentor-groups/{id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        group.GetProperty("mentors").EnumerateArray().Select(m => m.GetProperty("load").GetInt32()).ShouldBe([0, 1]);
        var actions = await s.Admin.AuditActionsAsync(s.School, c.Students[0].Id);
        actions.ShouldContain("mentorGroup.assignmentAdjusted");
    }

    [Fact]
    public async Task Preferences_follow_the_phase_and_the_policy()
    {
        var s = await SchoolAsync(mentors: 4);
        var c = await ClassAsync(s, students: 1);
        var id = await GroupAsync(s, c);
        var route = s.School.Route($"mentor-groups/{id}/preferences/{c.Students[0].Id}");
        var ids = s.Mentors.Select(m => m.Id).ToArray();

        await (await s.Admin.PutAsJsonAsync(route, new { rankedMentorIds = ids[..1] }, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);
        await s.Admin.PostAsJsonAsync(s.School.Route($"mentor-groups/{id}/open-selection"), new { closesOn = Closes }, Ct);
        (await (await s.Admin.PutAsJsonAsync(route, new { rankedMentorIds = ids }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorsFor("rankedMentorIds").ShouldNotBeEmpty();
        await (await s.Admin.PutAsJsonAsync(route, new { rankedMentorIds = new[] { ids[0], ids[0] } }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await s.Admin.PutAsJsonAsync(route, new { rankedMentorIds = new[] { Guid.CreateVersion7() } }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await s.Admin.PutAsJsonAsync(route, new { rankedMentorIds = ids[..3] }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{id}/publish"), null, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);

        (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{id}/match"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await s.Admin.PutAsJsonAsync(route, new { rankedMentorIds = ids[..1] }, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);
        (await s.Admin.PostAsJsonAsync(s.School.Route($"mentor-groups/{id}/open-selection"), new { closesOn = Closes }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await s.Admin.PutAsJsonAsync(route, new { rankedMentorIds = ids[..1] }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Mentors_join_and_leave_a_group()
    {
        var s = await SchoolAsync(mentors: 2);
        var c = await ClassAsync(s, students: 1);
        var id = await GroupAsync(s, c, mentors: [s.Mentors[0].Id]);
        using var head = await Api.As(c.HeadTeacher);

        (await head.PostAsJsonAsync(s.School.Route($"mentor-groups/{id}/mentors"), new { teacherId = s.Mentors[1].Id }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await head.PostAsJsonAsync(s.School.Route($"mentor-groups/{id}/mentors"), new { teacherId = s.Mentors[1].Id }, Ct)).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await head.PostAsJsonAsync(s.School.Route($"mentor-groups/{id}/mentors"), new { teacherId = Guid.CreateVersion7() }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);

        await head.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/assignments/{c.Students[0].Id}"), new { mentorIds = new[] { s.Mentors[1].Id } }, Ct);
        await (await head.DeleteAsync(s.School.Route($"mentor-groups/{id}/mentors/{s.Mentors[1].Id}"), Ct)).ShouldBeProblem(HttpStatusCode.Conflict);
        var group = await (await head.DeleteAsync(s.School.Route($"mentor-groups/{id}/mentors/{s.Mentors[0].Id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        group.GetProperty("mentors").EnumerateArray().Select(m => m.GetProperty("teacherId").GetGuid()).ShouldBe([s.Mentors[1].Id]);
    }

    [Fact]
    public async Task A_deactivated_teacher_takes_no_new_mentees_R2()
    {
        var s = await SchoolAsync(mentors: 2);
        var c = await ClassAsync(s, students: 2);
        var id = await GroupAsync(s, c);
        await s.Admin.PostAsync(s.School.Route($"teachers/{s.Mentors[0].Id}/deactivate"), null, Ct);

        var problem = await (await s.Admin.PutAsJsonAsync(s.School.Route($"mentor-groups/{id}/assignments/{c.Students[0].Id}"), new { mentorIds = new[] { s.Mentors[0].Id } }, Ct))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("rule").GetString().ShouldBe("R2");
        var match = await (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{id}/match"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        match.GetProperty("assignments").EnumerateArray().SelectMany(a => a.GetProperty("mentorIds").EnumerateArray().Select(m => m.GetGuid()))
            .ShouldAllBe(m => m == s.Mentors[1].Id);
    }

    /// <summary>A published class whose mentor is at the cap; returns the group and a newcomer waiting in the class.</summary>
    private async Task<(Setup S, ClassSetup C, Guid Group, Guid Newcomer)> FullMentorAsync()
    {
        var s = await SchoolAsync(mentors: 1, cap: 2);
        var c = await ClassAsync(s, students: 2);
        var group = await GroupAsync(s, c);
        (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{group}/match"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{group}/publish"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var newcomer = await s.Admin.CreateStudentAsync(s.School, c.ClassId);
        (await AssignAsync(s, group, newcomer, s.Mentors[0].Id)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        return (s, c, group, newcomer);
    }

    private Task<HttpResponseMessage> AssignAsync(Setup s, Guid group, Guid student, params Guid[] mentorIds) =>
        s.Admin.PutAsJsonAsync(s.School.Route($"mentor-groups/{group}/assignments/{student}"), new { mentorIds }, Ct);

    private async Task<JsonElement> GroupDetailAsync(Setup s, Guid group) =>
        await (await s.Admin.GetAsync(s.School.Route($"mentor-groups/{group}"), Ct)).ShouldBeJson(HttpStatusCode.OK);

    [Fact]
    public async Task A_mentee_who_leaves_frees_the_place_for_a_newcomer_R15_R3()
    {
        var (s, c, group, newcomer) = await FullMentorAsync();
        var leaver = c.Students[0].Id;

        (await s.Admin.PostAsync(s.School.Route($"students/{leaver}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await AssignAsync(s, group, newcomer, s.Mentors[0].Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var detail = await GroupDetailAsync(s, group);
        detail.GetProperty("mentors")[0].GetProperty("load").GetInt32().ShouldBe(2);
        var ended = detail.GetProperty("endedAssignments").EnumerateArray().ShouldHaveSingleItem();
        ended.GetProperty("studentId").GetGuid().ShouldBe(leaver);
        ended.GetProperty("mentorId").GetGuid().ShouldBe(s.Mentors[0].Id);
        ended.GetProperty("reason").GetString().ShouldBe("studentLeft");
        var mentees = await (await s.Admin.GetAsync(s.School.Route($"teachers/{s.Mentors[0].Id}/mentees"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        mentees.EnumerateArray().Select(m => m.GetProperty("studentId").GetGuid()).ShouldBe([c.Students[1].Id, newcomer], ignoreOrder: true);
        (await s.Admin.AuditActionsAsync(s.School, leaver)).ShouldBe(["student.deactivated", "mentorGroup.mentorsReleased"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_transferred_mentee_frees_the_place_and_joins_the_new_class_uncovered_R15_R1()
    {
        var (s, c, group, newcomer) = await FullMentorAsync();
        var other = await ClassAsync(s, students: 0);
        var otherGroup = await GroupAsync(s, other);
        var mover = c.Students[0].Id;

        (await s.Admin.PostAsJsonAsync(s.School.Route($"students/{mover}/transfer"), new { classId = other.ClassId }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await AssignAsync(s, group, newcomer, s.Mentors[0].Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GroupDetailAsync(s, group)).GetProperty("endedAssignments")[0].GetProperty("reason").GetString().ShouldBe("studentTransferred");
        var target = await GroupDetailAsync(s, otherGroup);
        target.GetProperty("uncoveredStudentIds").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([mover]);
        var problem = await (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{otherGroup}/publish"), null, Ct)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("rule").GetString().ShouldBe("R1");
    }

    [Fact]
    public async Task A_mentee_marked_as_left_in_a_roster_import_frees_the_place_R15_R3()
    {
        var (s, c, group, newcomer) = await FullMentorAsync();
        var classes = await (await s.Admin.GetAsync(s.School.Route($"classes/{c.ClassId}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var leaver = await (await s.Admin.GetAsync(s.School.Route($"students/{c.Students[0].Id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var csv = "学号,姓名,班级,性别,状态\n"
                  + $"{leaver.GetProperty("studentNo").GetString()},{leaver.GetProperty("name").GetString()},{classes.GetProperty("name").GetString()},男,离校\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "students.csv");

        var result = await (await s.Admin.PostAsync(s.School.Route("roster/import"), form, Ct)).ShouldBeJson(HttpStatusCode.OK);

        result.GetProperty("students").GetProperty("updated").GetInt32().ShouldBe(1);
        (await AssignAsync(s, group, newcomer, s.Mentors[0].Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var student = await (await s.Admin.GetAsync(s.School.Route($"students/{c.Students[0].Id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        student.GetProperty("isActive").GetBoolean().ShouldBeFalse();
        (await Api.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = c.Students[0].Login, password = TestApi.Password }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_deactivated_teachers_mentees_show_as_uncovered_and_their_places_are_freed_R15()
    {
        var s = await SchoolAsync(mentors: 2, cap: 2);
        var c = await ClassAsync(s, students: 2);
        var group = await GroupAsync(s, c);
        (await AssignAsync(s, group, c.Students[0].Id, s.Mentors[0].Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AssignAsync(s, group, c.Students[1].Id, s.Mentors[1].Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await s.Admin.PostAsync(s.School.Route($"mentor-groups/{group}/publish"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await s.Admin.PostAsync(s.School.Route($"teachers/{s.Mentors[0].Id}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var head = await Api.As(c.HeadTeacher);
        var detail = await (await head.GetAsync(s.School.Route($"mentor-groups/{group}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        detail.GetProperty("uncoveredStudentIds").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([c.Students[0].Id]);
        var leaving = detail.GetProperty("mentors").EnumerateArray().Single(m => m.GetProperty("teacherId").GetGuid() == s.Mentors[0].Id);
        leaving.GetProperty("load").GetInt32().ShouldBe(0);
        leaving.GetProperty("isActive").GetBoolean().ShouldBeFalse();
        detail.GetProperty("endedAssignments")[0].GetProperty("reason").GetString().ShouldBe("mentorLeft");
        (await AssignAsync(s, group, c.Students[0].Id, s.Mentors[1].Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// Puts one new student of each of <paramref name="classes"/> new classes with the mentor, all at once from clients
    /// of their own; exactly one may win, the others conflict (409) or meet the cap (422). Returns the groups.
    /// </summary>
    private async Task<List<Guid>> AssignAtOnceAsync(Setup s, Guid mentor, int classes)
    {
        var pairs = new List<(Guid Group, Guid Student)>();
        for (var i = 0; i < classes; i++)
        {
            var c = await ClassAsync(s, students: 1);
            pairs.Add((await GroupAsync(s, c), c.Students[0].Id));
        }
        var clients = await Task.WhenAll(pairs.Select(_ => Api.As(s.School.SchoolAdmin)));

        var responses = await Task.WhenAll(pairs.Select((p, i) =>
            clients[i].PutAsJsonAsync(s.School.Route($"mentor-groups/{p.Group}/assignments/{p.Student}"), new { mentorIds = new[] { mentor } }, Ct)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Count(x => x == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", statuses));
        statuses.Where(x => x != HttpStatusCode.OK).ShouldAllBe(x => x == HttpStatusCode.Conflict || x == HttpStatusCode.UnprocessableEntity);
        foreach (var client in clients) client.Dispose();
        return [.. pairs.Select(p => p.Group)];
    }

    private async Task<int> MenteeCountAsync(Setup s, Guid mentor) =>
        (await (await s.Admin.GetAsync(s.School.Route($"teachers/{mentor}/mentees"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetArrayLength();

    [Fact]
    public async Task Parallel_assignments_to_a_mentor_with_one_place_left_never_exceed_the_cap_R3()
    {
        var s = await SchoolAsync(mentors: 1, cap: 2);
        var mentor = s.Mentors[0].Id;
        var first = await ClassAsync(s, students: 1);
        (await AssignAsync(s, await GroupAsync(s, first), first.Students[0].Id, mentor)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var groups = await AssignAtOnceAsync(s, mentor, classes: 6);

        (await MenteeCountAsync(s, mentor)).ShouldBe(2);
        (await GroupDetailAsync(s, groups[0])).GetProperty("mentors")[0].GetProperty("load").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Concurrent_assignments_never_exceed_the_cap_R3()
    {
        var s = await SchoolAsync(mentors: 1, cap: 1);
        var mentor = s.Mentors[0].Id;

        await AssignAtOnceAsync(s, mentor, classes: 4);

        (await MenteeCountAsync(s, mentor)).ShouldBe(1);
    }
}

public sealed class MentorGroupTestsOnSqlite(SqliteApp app) : MentorGroupTests<SqliteApp>(app);

public sealed class MentorGroupTestsOnPostgres(PostgresApp app) : MentorGroupTests<PostgresApp>(app);
