using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Students' monthly reports (R9): one per begun month of a semester, read by their mentors, head teacher and school, commented by current mentors.</summary>
public abstract class MonthlyReportTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private static string ThisMonth => MenteeSchool.Today.ToString("yyyy-MM");

    private static string Reports(MenteeSchool s, Login student) => s.Route($"students/{student.Id}/monthly-reports");

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, MenteeSchool s, Login student, string month, string content = "这个月我读完了两本书。") =>
        client.PostAsJsonAsync(Reports(s, student), new { month, content }, Ct);

    private static async Task<int> CountAsync(MenteeSchool s, Login student) =>
        (await (await s.Admin.GetAsync(Reports(s, student), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32();

    [Fact]
    public async Task A_student_hands_in_a_report_that_mentors_head_teacher_and_school_read_and_current_mentors_comment_R9()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        var pupil = s.Students[0];
        using var student = await Api.As(pupil.Username);

        var response = await SubmitAsync(student, s, pupil, ThisMonth, "  这个月数学进步了。  ");
        var created = await response.ShouldBeJson(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe(s.Route($"students/{pupil.Id}/monthly-reports/{id}"));
        created.GetProperty("month").GetString().ShouldBe(ThisMonth);
        created.GetProperty("content").GetString().ShouldBe("这个月数学进步了。");
        created.GetProperty("semesterId").GetGuid().ShouldBe(s.SemesterId);
        created.GetProperty("submittedByRole").GetString().ShouldBe("student");

        using var mentor = await Api.As(s.Mentor.Username);
        var comment = await (await mentor.PostAsJsonAsync(s.Route($"students/{pupil.Id}/monthly-reports/{id}/comments"), new { text = "很好,继续保持!" }, Ct))
            .ShouldBeJson(HttpStatusCode.Created);
        comment.GetProperty("authorTeacherId").GetGuid().ShouldBe(s.Mentor.Id);

        using var head = await Api.As(s.Head.Username);
        foreach (var reader in new[] { student, mentor, head, s.Admin })
        {
            var one = await (await reader.GetAsync(response.Headers.Location, Ct)).ShouldBeJson(HttpStatusCode.OK);
            one.GetProperty("content").GetString().ShouldBe("这个月数学进步了。");
            var comments = one.GetProperty("comments");
            comments.GetArrayLength().ShouldBe(1);
            comments[0].GetProperty("text").GetString().ShouldBe("很好,继续保持!");
            comments[0].GetProperty("authorName").GetString().ShouldNotBeNullOrWhiteSpace();

            var list = await (await reader.GetAsync(Reports(s, pupil), Ct)).ShouldBeJson(HttpStatusCode.OK);
            list.GetProperty("totalCount").GetInt32().ShouldBe(1);
            list.GetProperty("items")[0].GetProperty("commentCount").GetInt32().ShouldBe(1);
        }

        var audit = await s.Admin.AuditActionsAsync(s.School, pupil.Id);
        audit.ShouldContain("monthlyReport.submitted");
        audit.ShouldContain("monthlyReport.commented");
    }

    [Fact]
    public async Task A_second_report_for_the_same_month_is_a_conflict_R9()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var student = await Api.As(s.Students[0].Username);
        (await SubmitAsync(student, s, s.Students[0], ThisMonth)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await (await SubmitAsync(student, s, s.Students[0], ThisMonth, "另一份")).ShouldBeProblem(HttpStatusCode.Conflict);

        (await CountAsync(s, s.Students[0])).ShouldBe(1);
    }

    [Fact]
    public async Task Two_reports_for_the_same_month_sent_at_once_make_one_report_and_one_conflict_R9()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var first = await Api.As(s.Students[0].Username);
        using var second = await Api.As(s.Students[0].Username);

        var answers = await Task.WhenAll(SubmitAsync(first, s, s.Students[0], ThisMonth, "第一份"), SubmitAsync(second, s, s.Students[0], ThisMonth, "第二份"));

        answers.Select(a => a.StatusCode).Order().ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBeProblem(HttpStatusCode.Conflict);
        (await CountAsync(s, s.Students[0])).ShouldBe(1);
    }

    [Fact]
    public async Task A_month_that_has_not_begun_is_refused_R9()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var student = await Api.As(s.Students[0].Username);
        // The semester runs 100 more days, so next month lies inside it: only its being in the future refuses it.
        var next = MenteeSchool.Today.AddMonths(1).ToString("yyyy-MM");

        var problem = await (await SubmitAsync(student, s, s.Students[0], next)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.GetProperty("rule").GetString().ShouldBe("R9");
        (await CountAsync(s, s.Students[0])).ShouldBe(0);
    }

    [Fact]
    public async Task A_month_outside_every_semester_is_refused_and_a_month_of_an_earlier_semester_counts_for_it_R9()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        var earlier = await (await s.Admin.PostAsJsonAsync(s.Route("semesters"), new
        {
            label = "去年", startsOn = MenteeSchool.Today.AddDays(-400).ToString("yyyy-MM-dd"), endsOn = MenteeSchool.Today.AddDays(-250).ToString("yyyy-MM-dd"),
        }, Ct)).ShouldBeJson(HttpStatusCode.Created);
        var earlierId = earlier.GetProperty("id").GetGuid();
        using var student = await Api.As(s.Students[0].Username);

        // 150 days ago lies more than a month from either semester.
        var problem = await (await SubmitAsync(student, s, s.Students[0], MenteeSchool.Today.AddDays(-150).ToString("yyyy-MM"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("rule").GetString().ShouldBe("R9");
        (await CountAsync(s, s.Students[0])).ShouldBe(0);

        var old = await (await SubmitAsync(student, s, s.Students[0], MenteeSchool.Today.AddDays(-300).ToString("yyyy-MM"))).ShouldBeJson(HttpStatusCode.Created);
        old.GetProperty("semesterId").GetGuid().ShouldBe(earlierId);
        (await SubmitAsync(student, s, s.Students[0], ThisMonth)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var filtered = await (await student.GetAsync($"{Reports(s, s.Students[0])}?semesterId={earlierId}", Ct)).ShouldBeJson(HttpStatusCode.OK);
        filtered.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldBe([old.GetProperty("id").GetGuid()]);
        var all = await (await student.GetAsync(Reports(s, s.Students[0]), Ct)).ShouldBeJson(HttpStatusCode.OK);
        all.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("month").GetString()).ShouldBe([ThisMonth, MenteeSchool.Today.AddDays(-300).ToString("yyyy-MM")]);
    }

    [Theory]
    [InlineData("2026-13", "month")]
    [InlineData("2026/10", "month")]
    [InlineData("2026-10-01", "month")]
    [InlineData("", "month")]
    [InlineData(null, "content")]
    public async Task A_malformed_month_or_missing_content_is_a_validation_error(string? month, string field)
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var student = await Api.As(s.Students[0].Username);

        var response = field == "content"
            ? await student.PostAsJsonAsync(Reports(s, s.Students[0]), new { month = ThisMonth, content = "   " }, Ct)
            : await SubmitAsync(student, s, s.Students[0], month!);

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor(field).ShouldNotBeEmpty();
        (await CountAsync(s, s.Students[0])).ShouldBe(0);
    }

    [Fact]
    public async Task Only_the_student_themself_hands_in_their_report()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1, 1], Ct);
        using var mentor = await Api.As(s.Mentor.Username);
        using var classmate = await Api.As(s.Students[1].Username);

        await (await SubmitAsync(mentor, s, s.Students[0], ThisMonth)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await SubmitAsync(s.Admin, s, s.Students[0], ThisMonth)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await SubmitAsync(classmate, s, s.Students[0], ThisMonth)).ShouldBeProblem(HttpStatusCode.NotFound);

        (await CountAsync(s, s.Students[0])).ShouldBe(0);
    }

    [Fact]
    public async Task Only_current_mentors_comment_and_outsiders_read_nothing_R16()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1, 2], Ct);
        var pupil = s.Students[0];
        using var student = await Api.As(pupil.Username);
        var report = (await (await SubmitAsync(student, s, pupil, ThisMonth)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var one = s.Route($"students/{pupil.Id}/monthly-reports/{report}");

        using var unrelated = await Api.As(s.Unrelated.Username);
        using var otherMentor = await Api.As(s.OtherMentor.Username);
        using var head = await Api.As(s.Head.Username);
        using var classmate = await Api.As(s.Students[1].Username);
        foreach (var teacher in new[] { unrelated, otherMentor, head })
            await (await teacher.PostAsJsonAsync($"{one}/comments", new { text = "看看" }, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await student.PostAsJsonAsync($"{one}/comments", new { text = "我自己" }, Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        foreach (var outsider in new[] { unrelated, otherMentor, classmate })
        {
            await (await outsider.GetAsync(one, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
            await (await outsider.GetAsync(Reports(s, pupil), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        }

        // A report of another student, asked for under this student's route, is not found either.
        using var mentor = await Api.As(s.Mentor.Username);
        await (await mentor.PostAsJsonAsync(s.Route($"students/{pupil.Id}/monthly-reports/{Guid.CreateVersion7()}/comments"), new { text = "?" }, Ct))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        await (await mentor.PostAsJsonAsync($"{one}/comments", new { text = "" }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);

        var kept = await (await s.Admin.GetAsync(one, Ct)).ShouldBeJson(HttpStatusCode.OK);
        kept.GetProperty("comments").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_mentor_whose_pair_ended_no_longer_comments_R16()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        var pupil = s.Students[0];
        using var student = await Api.As(pupil.Username);
        var report = (await (await SubmitAsync(student, s, pupil, ThisMonth)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await s.Admin.PutAsJsonAsync(s.Route($"mentor-groups/{s.GroupId}/assignments/{pupil.Id}"), new { mentorIds = new[] { s.OtherMentor.Id } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        using var former = await Api.As(s.Mentor.Username);
        using var current = await Api.As(s.OtherMentor.Username);
        var comments = s.Route($"students/{pupil.Id}/monthly-reports/{report}/comments");
        await (await former.PostAsJsonAsync(comments, new { text = "还在吗" }, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await current.PostAsJsonAsync(comments, new { text = "我是新导师" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

public sealed class MonthlyReportTestsOnSqlite(SqliteApp app) : MonthlyReportTests<SqliteApp>(app);

public sealed class MonthlyReportTestsOnPostgres(PostgresApp app) : MonthlyReportTests<PostgresApp>(app);
