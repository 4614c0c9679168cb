using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Progress per student and per mentor, and the school's live figures (R9, R13), against counts worked out by hand.</summary>
public abstract class ProgressTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private static DateOnly Today => MenteeSchool.Today;

    /// <summary>
    /// The months whose reports are due today in a semester that began 20 days ago (the policy's defaults): every
    /// month that is over, and the current one from the 25th on.
    /// </summary>
    private static int ReportsDueByHand()
    {
        var start = Today.AddDays(-20);
        var months = (Today.Year - start.Year) * 12 + Today.Month - start.Month + 1;
        return Today.Day >= 25 ? months : months - 1;
    }

    private static IEnumerable<string> BegunMonths()
    {
        var start = Today.AddDays(-20);
        for (var m = new DateOnly(start.Year, start.Month, 1); m <= Today; m = m.AddMonths(1)) yield return m.ToString("yyyy-MM");
    }

    private async Task<Guid> RecordAsync(HttpClient mentor, MenteeSchool s, string kind, Guid[] students, string? mode = null, int daysAgo = 1)
    {
        var body = new
        {
            kind, studentIds = students, semesterId = s.SemesterId, occurredOn = Today.AddDays(-daysAgo).ToString("yyyy-MM-dd"), mode,
            domains = new[] { "study" }, summary = "谈了这周的学习安排。",
        };
        return (await (await mentor.PostAsJsonAsync(s.Route("activities"), body, Ct)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Four students: 0 and 1 with the mentor, 2 (left behind, priority care) with both mentors, 3 with the other mentor.
    /// 0: two talks, a group talk with 1, a phone call home, an evaluation feedback, every report → complete.
    /// 1: the group talk only (a talk recorded and withdrawn does not count). 2: a talk by the other mentor and a
    /// face-to-face parent meeting by the mentor. 3: nothing.
    /// </summary>
    private async Task<MenteeSchool> SeedAsync()
    {
        var s = await MenteeSchool.CreateAsync(Api, [1, 1, 3, 2], Ct);
        var (s0, s1, s2) = (s.Students[0].Id, s.Students[1].Id, s.Students[2].Id);
        using var mentor = await Api.As(s.Mentor.Username);
        using var other = await Api.As(s.OtherMentor.Username);
        await RecordAsync(mentor, s, "talk", [s0], daysAgo: 3);
        await RecordAsync(mentor, s, "talk", [s0]);
        await RecordAsync(mentor, s, "groupTalk", [s0, s1]);
        await RecordAsync(mentor, s, "parentContact", [s0], "phone");
        await RecordAsync(mentor, s, "evaluationFeedback", [s0]);
        var withdrawn = await RecordAsync(mentor, s, "talk", [s1]);
        (await mentor.DeleteAsync(s.Route($"activities/{withdrawn}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await RecordAsync(other, s, "talk", [s2]);
        await RecordAsync(mentor, s, "parentContact", [s2], "faceToFace");

        using var student0 = await Api.As(s.Students[0].Username);
        foreach (var month in BegunMonths())
            (await student0.PostAsJsonAsync(s.Route($"students/{s0}/monthly-reports"), new { month, content = "这个月按计划完成了作业。" }, Ct))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await student0.PostAsJsonAsync(s.Route("mentor-evaluations"),
                new { mentorId = s.Mentor.Id, semesterId = s.SemesterId, scores = new { care = 5, guidance = 4, communication = 3 }, comment = "老师很耐心。" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return s;
    }

    private static void ShouldHave(JsonElement progress, int talks, int parentContacts, int evaluations, int reportsSubmitted, int gaps)
    {
        var due = ReportsDueByHand();
        progress.GetProperty("talks").GetInt32().ShouldBe(talks);
        progress.GetProperty("parentContacts").GetInt32().ShouldBe(parentContacts);
        progress.GetProperty("evaluations").GetInt32().ShouldBe(evaluations);
        progress.GetProperty("monthlyReports").GetProperty("required").GetInt32().ShouldBe(due);
        progress.GetProperty("monthlyReports").GetProperty("submitted").GetInt32().ShouldBe(reportsSubmitted);
        var threeOnes = talks >= 1 && parentContacts >= 1 && evaluations >= 1;
        progress.GetProperty("threeOnesComplete").GetBoolean().ShouldBe(threeOnes);
        progress.GetProperty("complete").GetBoolean().ShouldBe(threeOnes && reportsSubmitted == due);
        progress.GetProperty("gaps").GetArrayLength().ShouldBe(gaps + (reportsSubmitted < due ? 1 : 0));
    }

    [Fact]
    public async Task A_students_progress_counts_their_activities_and_reports_of_the_semester_R9()
    {
        using var s = await SeedAsync();
        var (s0, s1, s2, s3) = (s.Students[0].Id, s.Students[1].Id, s.Students[2].Id, s.Students[3].Id);
        var due = ReportsDueByHand();

        ShouldHave(await (await s.Admin.GetAsync(s.Route($"students/{s0}/progress"), Ct)).ShouldBeJson(HttpStatusCode.OK), 3, 1, 1, due, 0);
        ShouldHave(await (await s.Admin.GetAsync(s.Route($"students/{s1}/progress?semesterId={s.SemesterId}"), Ct)).ShouldBeJson(HttpStatusCode.OK), 1, 0, 0, 0, 2);
        ShouldHave(await (await s.Admin.GetAsync(s.Route($"students/{s2}/progress"), Ct)).ShouldBeJson(HttpStatusCode.OK), 1, 1, 0, 0, 1);
        ShouldHave(await (await s.Admin.GetAsync(s.Route($"students/{s3}/progress"), Ct)).ShouldBeJson(HttpStatusCode.OK), 0, 0, 0, 0, 3);

        using var english = await Api.As(s.School.SchoolAdmin);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var gaps = (await (await english.GetAsync(s.Route($"students/{s1}/progress"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("gaps")
            .EnumerateArray().Select(g => g.GetString()).ToList();
        gaps.ShouldContain("1 more parent contact");
        gaps.ShouldContain("1 more evaluation feedback");
    }

    [Fact]
    public async Task The_student_their_mentors_and_head_teacher_read_a_students_progress_others_find_nothing()
    {
        using var s = await SeedAsync();
        var route = s.Route($"students/{s.Students[0].Id}/progress");
        foreach (var username in new[] { s.Students[0].Username, s.Mentor.Username, s.Head.Username })
        {
            using var reader = await Api.As(username);
            (await reader.GetAsync(route, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        foreach (var username in new[] { s.Students[1].Username, s.OtherMentor.Username, s.Unrelated.Username })
        {
            using var outsider = await Api.As(username);
            await (await outsider.GetAsync(route, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        }
        await (await s.Admin.GetAsync(s.Route($"students/{s.Students[0].Id}/progress?semesterId={Guid.CreateVersion7()}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_mentors_dashboard_lists_each_mentee_with_gaps_first()
    {
        using var s = await SeedAsync();
        var (s0, s1, s2, s3) = (s.Students[0].Id, s.Students[1].Id, s.Students[2].Id, s.Students[3].Id);
        using var mentor = await Api.As(s.Mentor.Username);

        var board = await (await mentor.GetAsync(s.Route($"mentors/{s.Mentor.Id}/progress"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        board.GetProperty("semesterId").GetGuid().ShouldBe(s.SemesterId);
        board.GetProperty("mentees").GetInt32().ShouldBe(3);
        board.GetProperty("complete").GetInt32().ShouldBe(1);
        var items = board.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("studentId").GetGuid()).ShouldBe([s1, s2, s0]); // most gaps first; the complete one last
        ShouldHave(items[0].GetProperty("progress"), 1, 0, 0, 0, 2);
        items[0].GetProperty("name").GetString().ShouldBe("学生2");

        using var head = await Api.As(s.Head.Username);
        var seenByHead = await (await head.GetAsync(s.Route($"mentors/{s.OtherMentor.Id}/progress"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        seenByHead.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("studentId").GetGuid()).ShouldBe([s3, s2], ignoreOrder: true);
        (await s.Admin.GetAsync(s.Route($"mentors/{s.OtherMentor.Id}/progress"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await mentor.GetAsync(s.Route($"mentors/{s.OtherMentor.Id}/progress"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        using var unrelated = await Api.As(s.Unrelated.Username);
        await (await unrelated.GetAsync(s.Route($"mentors/{s.Mentor.Id}/progress"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        using var student = await Api.As(s.Students[0].Username);
        await (await student.GetAsync(s.Route($"mentors/{s.Mentor.Id}/progress"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await s.Admin.GetAsync(s.Route($"mentors/{Guid.CreateVersion7()}/progress"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_semester_that_is_over_is_counted_with_the_policy_in_force_at_its_end_and_the_current_one_with_todays_R14()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        async Task<Guid> SemesterAsync(string label, int from, int to) =>
            (await (await admin.PostAsJsonAsync(school.Route("semesters"),
                new { label, startsOn = today.AddDays(from).ToString("yyyy-MM-dd"), endsOn = today.AddDays(to).ToString("yyyy-MM-dd") }, Ct))
                .ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var past = await SemesterAsync("上学期", -200, -100);
        var current = await SemesterAsync("本学期", -20, 100);
        var policy = await (await admin.GetAsync(school.Route("policy"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var before = policy.GetProperty("maxStudentsPerMentor").GetInt32();
        var body = JsonSerializer.Deserialize<Dictionary<string, object>>(policy.GetRawText())!;
        body["maxStudentsPerMentor"] = before - 5;
        (await admin.PutAsJsonAsync(school.Route("policy"), body, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        async Task<int> CapAsync(Guid semester) =>
            (await (await admin.GetAsync(school.Route($"statistics?semesterId={semester}"), Ct)).ShouldBeJson(HttpStatusCode.OK))
                .GetProperty("mentorLoad").GetProperty("cap").GetInt32();
        (await CapAsync(past)).ShouldBe(before, "the change was made after that semester ended");
        (await CapAsync(current)).ShouldBe(before - 5);
    }

    [Fact]
    public async Task The_schools_figures_equal_the_counts_by_hand_R13()
    {
        using var s = await SeedAsync();
        var due = ReportsDueByHand();

        var stats = await (await s.Admin.GetAsync(s.Route($"statistics?semesterId={s.SemesterId}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        stats.GetProperty("students").GetInt32().ShouldBe(4);
        stats.GetProperty("teachers").GetInt32().ShouldBe(4);
        stats.GetProperty("activeMentors").GetInt32().ShouldBe(2);
        stats.GetProperty("coverage").GetDecimal().ShouldBe(100m);
        var load = stats.GetProperty("mentorLoad");
        load.GetProperty("average").GetDecimal().ShouldBe(2.5m); // (3 + 2) / 2
        load.GetProperty("maximum").GetInt32().ShouldBe(3);
        load.GetProperty("capViolations").GetInt32().ShouldBe(0);
        var threeOnes = stats.GetProperty("threeOnes");
        threeOnes.GetProperty("talks").GetDecimal().ShouldBe(75m);
        threeOnes.GetProperty("parentContacts").GetDecimal().ShouldBe(50m);
        threeOnes.GetProperty("evaluations").GetDecimal().ShouldBe(25m);
        threeOnes.GetProperty("all").GetDecimal().ShouldBe(25m);
        var modes = stats.GetProperty("parentContactModes");
        (modes.GetProperty("phone").GetInt32(), modes.GetProperty("faceToFace").GetInt32(), modes.GetProperty("homeVisit").GetInt32(), modes.GetProperty("online").GetInt32())
            .ShouldBe((1, 1, 0, 0));
        var reports = stats.GetProperty("monthlyReports");
        reports.GetProperty("required").GetInt32().ShouldBe(4 * due);
        reports.GetProperty("submitted").GetInt32().ShouldBe(due);
        if (due > 0) reports.GetProperty("rate").GetDecimal().ShouldBe(25m);
        var care = stats.GetProperty("priorityCare");
        (care.GetProperty("students").GetInt32(), care.GetProperty("withTalk").GetInt32()).ShouldBe((1, 1));
        var evaluations = stats.GetProperty("evaluations");
        evaluations.GetProperty("count").GetInt32().ShouldBe(1);
        evaluations.GetProperty("care").GetDecimal().ShouldBe(5m);
        evaluations.GetProperty("overall").GetDecimal().ShouldBe(4m);
        stats.GetRawText().ShouldNotContain("学生"); // figures only, no names

        using var mentor = await Api.As(s.Mentor.Username);
        await (await mentor.GetAsync(s.Route("statistics"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_mentors_dashboard_takes_the_same_few_queries_for_fifteen_mentees_as_for_one()
    {
        SqlCommandCounter.Prepare(App.Factory);
        using var s = await MenteeSchool.CreateAsync(Api, [.. Enumerable.Repeat(1, 15), 2], Ct);
        using var mentor = await Api.As(s.Mentor.Username);
        using var other = await Api.As(s.OtherMentor.Username);
        foreach (var student in s.Students.Take(15)) await RecordAsync(mentor, s, "talk", [student.Id]);
        await RecordAsync(other, s, "talk", [s.Students[15].Id]);

        async Task<(int Mentees, int Statements)> DashboardAsync(HttpClient client, Guid teacherId)
        {
            using var counter = SqlCommandCounter.Start();
            var board = await (await client.GetAsync(s.Route($"mentors/{teacherId}/progress"), Ct)).ShouldBeJson(HttpStatusCode.OK);
            return (board.GetProperty("mentees").GetInt32(), counter.Commands.Count);
        }

        var fifteen = await DashboardAsync(mentor, s.Mentor.Id);
        var one = await DashboardAsync(other, s.OtherMentor.Id);

        fifteen.Mentees.ShouldBe(15);
        one.Mentees.ShouldBe(1);
        fifteen.Statements.ShouldBe(one.Statements);
        fifteen.Statements.ShouldBeInRange(3, 5); // semester, policy, then mentees, their activities by kind, their reports (the ceilings are in the catalog)
    }
}

public sealed class ProgressTestsOnSqlite(SqliteApp app) : ProgressTests<SqliteApp>(app);

public sealed class ProgressTestsOnPostgres(PostgresApp app) : ProgressTests<PostgresApp>(app);
