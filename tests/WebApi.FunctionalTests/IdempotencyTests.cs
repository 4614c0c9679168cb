using System.Net;
using System.Net.Http.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Retried creates with an Idempotency-Key (R10): one record, the first answer again, another body refused.</summary>
public abstract class IdempotencyTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private static object Talk(MenteeSchool s, string summary = "谈了这周的学习安排。") => new
    {
        kind = "talk", studentIds = new[] { s.Students[0].Id }, semesterId = s.SemesterId,
        occurredOn = MenteeSchool.Today.AddDays(-1).ToString("yyyy-MM-dd"), domains = new[] { "study" }, summary,
    };

    private static HttpRequestMessage Post(MenteeSchool s, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, s.Route(path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<int> ActivitiesOfAsync(MenteeSchool s) =>
        (await (await s.Admin.GetAsync(s.Route($"activities?studentId={s.Students[0].Id}"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32();

    [Fact]
    public async Task Ten_parallel_posts_with_one_key_create_one_activity_and_every_answer_names_it()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var mentor = await Api.As(s.Mentor.Username);
        var key = $"talk-{Guid.NewGuid():N}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => mentor.SendAsync(Post(s, "activities", Talk(s), key), Ct)));

        (await ActivitiesOfAsync(s)).ShouldBe(1);
        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        created.ShouldNotBeEmpty();
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created || a.StatusCode == HttpStatusCode.Conflict);
        foreach (var busy in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            busy.Headers.RetryAfter.ShouldNotBeNull();
            await busy.ShouldBeProblem(HttpStatusCode.Conflict);
        }
        var ids = new HashSet<Guid>();
        foreach (var answer in created) ids.Add((await answer.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid());
        ids.Count.ShouldBe(1);

        // Once the first has answered, a retry gets that answer again, marked as a replay.
        var retry = await mentor.SendAsync(Post(s, "activities", Talk(s), key), Ct);
        (await retry.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid().ShouldBe(ids.Single());
        retry.Headers.GetValues("Idempotency-Replayed").ShouldBe(["true"]);
        retry.Headers.Location!.ToString().ShouldBe(s.Route($"activities/{ids.Single()}"));
        (await ActivitiesOfAsync(s)).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_under_R10_and_creates_nothing()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var mentor = await Api.As(s.Mentor.Username);
        var key = $"talk-{Guid.NewGuid():N}";
        (await mentor.SendAsync(Post(s, "activities", Talk(s), key), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var other = await mentor.SendAsync(Post(s, "activities", Talk(s, "另一次谈话。"), key), Ct);

        (await other.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString().ShouldBe("R10");
        (await ActivitiesOfAsync(s)).ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_first_request_frees_its_key_and_keys_are_per_caller()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [3], Ct);
        using var mentor = await Api.As(s.Mentor.Username);
        using var other = await Api.As(s.OtherMentor.Username);
        var key = $"talk-{Guid.NewGuid():N}";
        var future = new
        {
            kind = "talk", studentIds = new[] { s.Students[0].Id }, semesterId = s.SemesterId,
            occurredOn = MenteeSchool.Today.AddDays(3).ToString("yyyy-MM-dd"), domains = new[] { "study" }, summary = "明天谈。",
        };
        (await mentor.SendAsync(Post(s, "activities", future, key), Ct)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        (await mentor.SendAsync(Post(s, "activities", Talk(s), key), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var theirs = await other.SendAsync(Post(s, "activities", Talk(s), key), Ct); // the same key from another mentor is theirs
        theirs.StatusCode.ShouldBe(HttpStatusCode.Created);
        theirs.Headers.Contains("Idempotency-Replayed").ShouldBeFalse();
        (await ActivitiesOfAsync(s)).ShouldBe(2);
    }

    [Fact]
    public async Task Monthly_reports_and_evaluations_replay_their_first_answer()
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var student = await Api.As(s.Students[0].Username);
        var reportKey = $"report-{Guid.NewGuid():N}";
        var report = new { month = MenteeSchool.Today.ToString("yyyy-MM"), content = "这个月按时完成了作业。" };
        var first = await (await student.SendAsync(Post(s, $"students/{s.Students[0].Id}/monthly-reports", report, reportKey), Ct)).ShouldBeJson(HttpStatusCode.Created);
        var again = await student.SendAsync(Post(s, $"students/{s.Students[0].Id}/monthly-reports", report, reportKey), Ct);
        (await again.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        // Without the key, a second post for the month is a duplicate.
        (await student.PostAsJsonAsync(s.Route($"students/{s.Students[0].Id}/monthly-reports"), report, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var evaluationKey = $"evaluation-{Guid.NewGuid():N}";
        var evaluation = new { mentorId = s.Mentor.Id, semesterId = s.SemesterId, scores = new { care = 5, guidance = 4, communication = 5 }, comment = "老师很耐心。" };
        var evaluated = await (await student.SendAsync(Post(s, "mentor-evaluations", evaluation, evaluationKey), Ct)).ShouldBeJson(HttpStatusCode.Created);
        var replay = await student.SendAsync(Post(s, "mentor-evaluations", evaluation, evaluationKey), Ct);
        (await replay.ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid().ShouldBe(evaluated.GetProperty("id").GetGuid());
        replay.Headers.GetValues("Idempotency-Replayed").ShouldBe(["true"]);
    }

    [Theory]
    [InlineData("含中文的键")]
    [InlineData("k-0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    [InlineData("a key with spaces")]
    public async Task A_malformed_key_is_a_validation_problem_and_creates_nothing(string key)
    {
        using var s = await MenteeSchool.CreateAsync(Api, [1], Ct);
        using var mentor = await Api.As(s.Mentor.Username);
        var request = new HttpRequestMessage(HttpMethod.Post, s.Route("activities")) { Content = JsonContent.Create(Talk(s)) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var answer = await mentor.SendAsync(request, Ct);

        (await answer.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
        (await ActivitiesOfAsync(s)).ShouldBe(0);
    }
}

public sealed class IdempotencyTestsOnSqlite(SqliteApp app) : IdempotencyTests<SqliteApp>(app);

public sealed class IdempotencyTestsOnPostgres(PostgresApp app) : IdempotencyTests<PostgresApp>(app);
