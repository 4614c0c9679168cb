using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Students evaluate their mentors (R11): once per pair and semester; a mentor sees only the aggregate, from three evaluations on.</summary>
public abstract class MentorEvaluationTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private static Task<HttpResponseMessage> EvaluateAsync(HttpClient client, MenteeSchool s, Guid mentorId, int care = 5, int guidance = 4, int communication = 3,
        Guid? semesterId = null, string? comment = "老师很关心我。") =>
        client.PostAsJsonAsync(s.Route("mentor-evaluations"),
            new { mentorId, semesterId = semesterId ?? s.SemesterId, scores = new { care, guidance, communication }, comment }, Ct);

    private static async Task<int> CountAsync(MenteeSchool s) =>
        (await (await s.Admin.GetAsync(s.Route("mentor-evaluations"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32();

    private static string Summary(MenteeSchool s, Guid teacherId) => s.Route($"mentors/{teacherId}/evaluation-summary?semesterId={s.SemesterId}");

    [Fact]
    public async Task A_student_evaluates_their_mentor_once_per_semester_R11()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var student = await Api.As(s.Students[0].Username);

        var response = await EvaluateAsync(student, s, s.Mentor.Id, 5, 4, 3);
        var created = await response.ShouldBeJson(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe(s.Route($"mentor-evaluations/{id}"));
        created.GetProperty("scores").GetProperty("care").GetInt32().ShouldBe(5);
        created.GetProperty("overall").GetDecimal().ShouldBe(4m);
        created.GetProperty("mentorId").GetGuid().ShouldBe(s.Mentor.Id);

        await (await EvaluateAsync(student, s, s.Mentor.Id, 1, 1, 1)).ShouldBeProblem(HttpStatusCode.Conflict);

        var mine = await (await student.GetAsync(s.Route($"mentor-evaluations/{id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        mine.GetProperty("scores").GetProperty("care").GetInt32().ShouldBe(5);
        var seen = await (await s.Admin.GetAsync(s.Route($"mentor-evaluations/{id}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        seen.GetProperty("studentId").GetGuid().ShouldBe(s.Students[0].Id);
        seen.GetProperty("studentName").GetString().ShouldBe("学生1");
        seen.GetProperty("comment").GetString().ShouldBe("老师很关心我。");
        (await CountAsync(s)).ShouldBe(1);
        var audit = await (await s.Admin.GetAsync(s.Route("audit?action=mentorEvaluation.submitted"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("subjectId").GetGuid()).ShouldBe([id]);
    }

    [Theory]
    [InlineData(0, 3, 3, "scores.care")]
    [InlineData(3, 6, 3, "scores.guidance")]
    [InlineData(3, 3, -1, "scores.communication")]
    public async Task Scores_outside_one_to_five_are_a_validation_error(int care, int guidance, int communication, string field)
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var student = await Api.As(s.Students[0].Username);

        var problem = await (await EvaluateAsync(student, s, s.Mentor.Id, care, guidance, communication)).ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorsFor(field).ShouldNotBeEmpty();
        (await CountAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task Missing_scores_or_an_overlong_comment_are_validation_errors()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var student = await Api.As(s.Students[0].Username);

        await (await student.PostAsJsonAsync(s.Route("mentor-evaluations"), new { mentorId = s.Mentor.Id, semesterId = s.SemesterId }, Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await EvaluateAsync(student, s, s.Mentor.Id, comment: new string('好', 1001))).ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorsFor("comment").ShouldNotBeEmpty();
        (await CountAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task Only_a_teacher_who_mentored_the_student_this_semester_is_evaluated_R11()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var student = await Api.As(s.Students[0].Username);

        foreach (var stranger in new[] { s.OtherMentor.Id, s.Unrelated.Id, s.Head.Id })
        {
            var problem = await (await EvaluateAsync(student, s, stranger)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("rule").GetString().ShouldBe("R11");
            problem.GetProperty("violation").GetProperty("mentorId").GetGuid().ShouldBe(stranger);
            problem.GetProperty("violation").GetProperty("semesterId").GetGuid().ShouldBe(s.SemesterId);
        }
        await (await EvaluateAsync(student, s, Guid.CreateVersion7())).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await EvaluateAsync(student, s, s.Mentor.Id, semesterId: Guid.CreateVersion7())).ShouldBeProblem(HttpStatusCode.NotFound);
        (await CountAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task A_mentor_who_left_the_pair_this_semester_is_still_evaluated_R11()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        (await s.Admin.PutAsJsonAsync(s.Route($"mentor-groups/{s.GroupId}/assignments/{s.Students[0].Id}"), new { mentorIds = new[] { s.OtherMentor.Id } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        using var student = await Api.As(s.Students[0].Username);

        (await EvaluateAsync(student, s, s.Mentor.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await EvaluateAsync(student, s, s.OtherMentor.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Only_students_evaluate()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var mentor = await Api.As(s.Mentor.Username);

        await (await EvaluateAsync(mentor, s, s.Mentor.Id)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await EvaluateAsync(s.Admin, s, s.Mentor.Id)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await CountAsync(s)).ShouldBe(0);
    }

    [Fact]
    public async Task A_mentor_sees_averages_from_three_evaluations_on_and_school_admins_always_R11()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1, 1, 1], Ct);
        using var mentor = await Api.As(s.Mentor.Username);
        int[][] scores = [[5, 4, 3], [4, 4, 4], [3, 5, 5]];

        for (var i = 0; i < 2; i++)
        {
            using var student = await Api.As(s.Students[i].Username);
            (await EvaluateAsync(student, s, s.Mentor.Id, scores[i][0], scores[i][1], scores[i][2])).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        var hidden = await (await mentor.GetAsync(Summary(s, s.Mentor.Id), Ct)).ShouldBeJson(HttpStatusCode.OK);
        hidden.GetProperty("count").GetInt32().ShouldBe(2);
        hidden.GetProperty("shown").GetBoolean().ShouldBeFalse();
        hidden.GetProperty("averages").ValueKind.ShouldBe(JsonValueKind.Null);
        var forAdmin = await (await s.Admin.GetAsync(Summary(s, s.Mentor.Id), Ct)).ShouldBeJson(HttpStatusCode.OK);
        forAdmin.GetProperty("shown").GetBoolean().ShouldBeTrue();
        forAdmin.GetProperty("averages").GetProperty("care").GetDecimal().ShouldBe(4.5m);
        forAdmin.GetProperty("averages").GetProperty("overall").GetDecimal().ShouldBe(4m);

        using (var third = await Api.As(s.Students[2].Username))
            (await EvaluateAsync(third, s, s.Mentor.Id, scores[2][0], scores[2][1], scores[2][2])).StatusCode.ShouldBe(HttpStatusCode.Created);
        var shownText = await (await mentor.GetAsync(Summary(s, s.Mentor.Id), Ct)).Content.ReadAsStringAsync(Ct);
        var shown = JsonDocument.Parse(shownText).RootElement;
        shown.GetProperty("count").GetInt32().ShouldBe(3);
        shown.GetProperty("shown").GetBoolean().ShouldBeTrue();
        var averages = shown.GetProperty("averages");
        averages.GetProperty("care").GetDecimal().ShouldBe(4m);
        averages.GetProperty("guidance").GetDecimal().ShouldBe(4.33m);
        averages.GetProperty("communication").GetDecimal().ShouldBe(4m);
        averages.GetProperty("overall").GetDecimal().ShouldBe(4.11m);
        // The aggregate never says who wrote what.
        foreach (var student in s.Students) shownText.ShouldNotContain(student.Id.ToString());
        shownText.ShouldNotContain("老师很关心我");

        // Over all semesters, the same three.
        var all = await (await mentor.GetAsync(s.Route($"mentors/{s.Mentor.Id}/evaluation-summary"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        all.GetProperty("count").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_mentor_never_reads_single_evaluations_nor_another_mentors_summary_R11()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [3], Ct);
        using var student = await Api.As(s.Students[0].Username);
        var id = (await (await EvaluateAsync(student, s, s.Mentor.Id)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var mentor = await Api.As(s.Mentor.Username);
        using var other = await Api.As(s.OtherMentor.Username);
        using var head = await Api.As(s.Head.Username);

        await (await mentor.GetAsync(s.Route($"mentor-evaluations/{id}"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await mentor.GetAsync(s.Route($"mentor-evaluations?mentorId={s.Mentor.Id}"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await other.GetAsync(Summary(s, s.Mentor.Id), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await head.GetAsync(Summary(s, s.Mentor.Id), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await student.GetAsync(Summary(s, s.Mentor.Id), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await s.Admin.GetAsync(Summary(s, Guid.CreateVersion7()), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task School_admins_list_evaluations_with_their_authors_by_mentor_and_semester_and_a_student_sees_only_their_own()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [3, 1], Ct);
        using var first = await Api.As(s.Students[0].Username);
        using var second = await Api.As(s.Students[1].Username);
        (await EvaluateAsync(first, s, s.Mentor.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await EvaluateAsync(first, s, s.OtherMentor.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await EvaluateAsync(second, s, s.Mentor.Id)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var byMentor = await (await s.Admin.GetAsync(s.Route($"mentor-evaluations?mentorId={s.Mentor.Id}&semesterId={s.SemesterId}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        byMentor.GetProperty("totalCount").GetInt32().ShouldBe(2);
        byMentor.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("studentId").GetGuid()).ShouldBe([s.Students[0].Id, s.Students[1].Id], ignoreOrder: true);
        var otherSemester = await (await s.Admin.GetAsync(s.Route($"mentor-evaluations?semesterId={Guid.CreateVersion7()}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        otherSemester.GetProperty("totalCount").GetInt32().ShouldBe(0);

        var own = await (await second.GetAsync(s.Route("mentor-evaluations"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        own.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("studentId").GetGuid()).ShouldBe([s.Students[1].Id]);
        var firstsId = (await (await first.GetAsync(s.Route("mentor-evaluations"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        await (await second.GetAsync(s.Route($"mentor-evaluations/{firstsId}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}

public sealed class MentorEvaluationTestsOnSqlite(SqliteApp app) : MentorEvaluationTests<SqliteApp>(app);

public sealed class MentorEvaluationTestsOnPostgres(PostgresApp app) : MentorEvaluationTests<PostgresApp>(app);
