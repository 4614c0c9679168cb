using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentorCloud.Domain.Webhooks;
using MentorCloud.Infrastructure.Jobs;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Semester deadline and monthly-report reminders (R12), driven to any day by a fake clock, against recipients worked out by hand.</summary>
public abstract class ReminderTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private IServiceProvider Services => App.Factory.Services;
    private static DateOnly Today => MenteeSchool.Today;

    /// <summary>The semester of <see cref="MenteeSchool"/> ends 100 days from today.</summary>
    private static DateOnly EndsOn => Today.AddDays(100);

    /// <summary>This month's reminder day (the policy's default, the 25th): always inside the semester, in a month already begun.</summary>
    private static DateOnly ReportReminderDay => new(Today.Year, Today.Month, 25);

    private sealed record Stored(Guid RecipientId, string Kind, string Milestone, string? Body);

    private sealed record Seeded(MenteeSchool School, Guid MentorUser, Guid OtherMentorUser, IReadOnlyList<Guid> StudentUsers);

    private async Task<Guid> UserIdAsync(string username)
    {
        using var client = await Api.As(username);
        return (await (await client.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("userId").GetGuid();
    }

    private async Task RecordAsync(HttpClient mentor, MenteeSchool s, string kind, Guid student, string? mode = null) =>
        await (await mentor.PostAsJsonAsync(s.Route("activities"), new
        {
            kind, studentIds = new[] { student }, semesterId = s.SemesterId, occurredOn = Today.AddDays(-1).ToString("yyyy-MM-dd"), mode,
            domains = new[] { "study" }, summary = "谈了这周的学习安排。",
        }, Ct)).ShouldBeJson(HttpStatusCode.Created);

    /// <summary>
    /// Four students: 0 and 1 with the mentor, 2 (priority care) with both mentors, 3 with the other mentor. Every one
    /// but 1 has a talk, a parent contact and an evaluation feedback (three ones complete); 1 has nothing. Only student 0
    /// hands in monthly reports, for every month begun. So on a milestone the mentor alone is reminded, of student 1;
    /// on the reminder day students 1, 2 and 3 are. A second class pairs a student without a login, with nothing done,
    /// with a mentor without a login: neither has an account to be reminded at.
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        var s = await MenteeSchool.CreateAsync(Api, [1, 1, 3, 2], Ct);
        using var mentor = await Api.As(s.Mentor.Username);
        using var other = await Api.As(s.OtherMentor.Username);
        foreach (var (client, student) in new[] { (mentor, s.Students[0].Id), (mentor, s.Students[2].Id), (other, s.Students[3].Id) })
        {
            await RecordAsync(client, s, "talk", student);
            await RecordAsync(client, s, "parentContact", student, "phone");
            await RecordAsync(client, s, "evaluationFeedback", student);
        }
        using var student0 = await Api.As(s.Students[0].Username);
        var start = Today.AddDays(-20);
        for (var m = new DateOnly(start.Year, start.Month, 1); m <= Today; m = m.AddMonths(1))
            (await student0.PostAsJsonAsync(s.Route($"students/{s.Students[0].Id}/monthly-reports"), new { month = m.ToString("yyyy-MM"), content = "这个月按计划完成了作业。" }, Ct))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        var withoutLogin = await s.Admin.CreateTeacherAsync(s.School);
        var otherClass = await s.Admin.CreateClassAsync(s.School, s.Unrelated.Id);
        var loner = await s.Admin.CreateStudentAsync(s.School, otherClass);
        var group = (await (await s.Admin.PostAsJsonAsync(s.Route("mentor-groups"),
            new { classId = otherClass, semesterId = s.SemesterId, mentorIds = new[] { withoutLogin } }, Ct)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await s.Admin.PutAsJsonAsync(s.Route($"mentor-groups/{group}/assignments/{loner}"), new { mentorIds = new[] { withoutLogin } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await s.Admin.PostAsync(s.Route($"mentor-groups/{group}/publish"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        var students = new List<Guid>();
        foreach (var student in s.Students) students.Add(await UserIdAsync(student.Username));
        return new Seeded(s, await UserIdAsync(s.Mentor.Username), await UserIdAsync(s.OtherMentor.Username), students);
    }

    private static DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>Runs the school's reminder job at 07:00 China time on <paramref name="day"/>; returns how many it stored.</summary>
    private async Task<int> RunJobAsync(MenteeSchool s, DateOnly day)
    {
        await using var scope = await JobRunner.SchoolScopeAsync(Services, s.School);
        var clock = new FakeTimeProvider(At(day));
        var job = ActivatorUtilities.CreateInstance<ReminderJob>(scope.ServiceProvider, (TimeProvider)clock);
        return await job.SendAsync(new SchoolJob(s.School.SchoolId, s.School.School), Ct);
    }

    private async Task<(List<Stored> Reminders, List<JsonElement> Messages)> StoredAsync(MenteeSchool s)
    {
        await using var scope = await JobRunner.SchoolScopeAsync(Services, s.School);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var reminders = (await db.Notifications.AsNoTracking().Where(n => n.Kind.StartsWith("reminder.")).ToListAsync(Ct))
            .Select(n => new Stored(n.RecipientId, n.Kind, JsonDocument.Parse(n.Payload!).RootElement.GetProperty("milestone").GetString()!, n.Body)).ToList();
        var messages = (await db.OutboxMessages.AsNoTracking().Where(m => m.Type == WebhookEvents.ReminderCreated).ToListAsync(Ct))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        return (reminders, messages);
    }

    private async Task<JsonElement> PreviewAsync(MenteeSchool s, DateOnly day) =>
        await (await s.Admin.GetAsync(s.Route($"reminders/preview?asOf={day:yyyy-MM-dd}"), Ct)).ShouldBeJson(HttpStatusCode.OK);

    [Fact]
    public async Task On_each_milestone_only_the_mentor_with_an_incomplete_mentee_gets_one_reminder_listing_that_mentee_and_a_rerun_adds_none()
    {
        var w = await SeedAsync();
        var s = w.School;
        var expected = 0;
        foreach (var days in new[] { 30, 14, 7, 1 })
        {
            var day = EndsOn.AddDays(-days);
            var preview = await PreviewAsync(s, day);
            var deadline = preview.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("role").GetString() == "mentor").ToList();
            var item = deadline.ShouldHaveSingleItem();
            item.GetProperty("recipientId").GetGuid().ShouldBe(w.MentorUser);
            item.GetProperty("milestone").GetString().ShouldBe($"daysBeforeEnd:{days}");
            var student = item.GetProperty("students").EnumerateArray().ShouldHaveSingleItem();
            student.GetProperty("studentId").GetGuid().ShouldBe(s.Students[1].Id);
            student.GetProperty("name").GetString().ShouldBe("学生2");
            student.GetProperty("gaps").GetArrayLength().ShouldBeGreaterThanOrEqualTo(3);
            // A milestone that falls on the 25th also reminds every student of the month's report (student 0 has not written ahead);
            // the 7-day milestone is also 7 days after the 14-day reminder, which is escalated to the head teacher.
            var monthly = day.Day == 25 ? 4 : 0;
            var escalated = days == 7 ? 1 : 0;
            preview.GetProperty("items").GetArrayLength().ShouldBe(1 + monthly + escalated);
            preview.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("role").GetString() == "headTeacher").ShouldBe(escalated);

            (await RunJobAsync(s, day)).ShouldBe(1 + monthly + escalated);
            (await RunJobAsync(s, day)).ShouldBe(0);
            expected += 1 + monthly + escalated;

            var (stored, messages) = await StoredAsync(s);
            stored.Count.ShouldBe(expected);
            messages.Count.ShouldBe(expected);
            var reminder = stored.Where(r => r.Milestone == $"daysBeforeEnd:{days}").ShouldHaveSingleItem();
            reminder.RecipientId.ShouldBe(w.MentorUser);
            reminder.Kind.ShouldBe(ReminderJob.Kind);
            reminder.Body.ShouldNotBeNull().ShouldContain("学生2");
            stored.Where(r => r.Milestone == $"daysBeforeEnd:{days}").Select(r => r.RecipientId)
                .ShouldBe(deadline.Select(i => i.GetProperty("recipientId").GetGuid()));
        }
        var (all, outbox) = await StoredAsync(s);
        all.ShouldNotContain(r => r.RecipientId == w.OtherMentorUser);
        outbox.Select(m => m.GetProperty("recipientId").GetGuid()).OrderBy(g => g).ShouldBe(all.Select(r => r.RecipientId).OrderBy(g => g));
        foreach (var message in outbox)
            message.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ShouldBe(["milestone", "notificationId", "recipientId"]);
    }

    [Fact]
    public async Task Jobs_running_at_once_for_the_same_day_store_each_reminder_and_its_event_once()
    {
        var w = await SeedAsync();
        var s = w.School;
        var day = EndsOn.AddDays(-7);
        var expected = day.Day == 25 ? 5 : 1;
        var stored = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RunJobAsync(s, day))));
        stored.Sum().ShouldBe(expected);
        var (reminders, messages) = await StoredAsync(s);
        reminders.Count.ShouldBe(expected);
        reminders.Where(r => r.Kind == ReminderJob.Kind).ShouldHaveSingleItem().RecipientId.ShouldBe(w.MentorUser);
        messages.Count.ShouldBe(expected);
    }

    [Fact]
    public async Task A_webhook_for_reminder_created_receives_each_new_reminder_with_ids_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var w = await SeedAsync();
        var s = w.School;
        (await s.Admin.PostAsJsonAsync(s.Route("webhooks"),
            new { url = receiver.Url, events = new[] { WebhookEvents.ReminderCreated }, secret = "whsec-test-0123456789abcdef" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var day = EndsOn.AddDays(-14);
        var expected = await RunJobAsync(s, day);
        expected.ShouldBeGreaterThanOrEqualTo(1);
        await using (var scope = await JobRunner.SchoolScopeAsync(Services, s.School))
        {
            // The dispatcher on the same day, an hour after the reminders.
            var clock = new FakeTimeProvider(At(day).AddHours(1));
            await ActivatorUtilities.CreateInstance<OutboxDispatchJob>(scope.ServiceProvider, (TimeProvider)clock)
                .RunAsync(new SchoolJob(s.School.SchoolId, s.School.School), Ct);
        }

        var bodies = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).Where(b => b.GetProperty("type").GetString() == WebhookEvents.ReminderCreated).ToList();
        bodies.Count.ShouldBe(expected);
        var mentor = bodies.Single(b => b.GetProperty("data").GetProperty("milestone").GetString() == "daysBeforeEnd:14").GetProperty("data");
        mentor.GetProperty("recipientId").GetGuid().ShouldBe(w.MentorUser);
        receiver.Received.ShouldAllBe(r => !r.Body.Contains("学生"));
    }

    [Fact]
    public async Task A_day_that_is_no_milestone_and_no_reminder_day_sends_nothing()
    {
        var w = await SeedAsync();
        var s = w.School;
        foreach (var day in new[] { EndsOn.AddDays(-13), EndsOn.AddDays(-15), EndsOn.AddDays(-31), EndsOn, EndsOn.AddDays(1) }.Where(d => d.Day != 25))
        {
            (await PreviewAsync(s, day)).GetProperty("items").GetArrayLength().ShouldBe(0);
            (await RunJobAsync(s, day)).ShouldBe(0);
        }
        (await StoredAsync(s)).Reminders.ShouldBeEmpty();
    }

    [Fact]
    public async Task Monthly_report_reminders_go_on_the_reminder_day_only_to_the_students_without_the_months_report_as_the_preview_shows()
    {
        var w = await SeedAsync();
        var s = w.School;
        var before = ReportReminderDay.AddDays(-1);
        (await RunJobAsync(s, before)).ShouldBe(0);

        var preview = (await PreviewAsync(s, ReportReminderDay)).GetProperty("items").EnumerateArray().ToList();
        preview.ShouldAllBe(i => i.GetProperty("role").GetString() == "student" && i.GetProperty("milestone").GetString() == $"monthlyReport:{ReportReminderDay:yyyy-MM}");
        preview.Select(i => i.GetProperty("recipientId").GetGuid()).OrderBy(g => g).ShouldBe(new[] { w.StudentUsers[1], w.StudentUsers[2], w.StudentUsers[3] }.OrderBy(g => g));

        (await RunJobAsync(s, ReportReminderDay)).ShouldBe(3);
        (await RunJobAsync(s, ReportReminderDay)).ShouldBe(0);
        (await RunJobAsync(s, ReportReminderDay.AddDays(1))).ShouldBe(0);
        var (stored, messages) = await StoredAsync(s);
        stored.Select(r => (r.RecipientId, r.Milestone)).OrderBy(r => r.RecipientId)
            .ShouldBe(preview.Select(i => (i.GetProperty("recipientId").GetGuid(), i.GetProperty("milestone").GetString()!)).OrderBy(r => r.Item1));
        stored.ShouldAllBe(r => r.Kind == ReminderJob.MonthlyReportKind);
        messages.Count.ShouldBe(3);

        using var student = await Api.As(s.Students[1].Username);
        var mine = await (await student.GetAsync("/api/v1/me/notifications", Ct)).ShouldBeJson(HttpStatusCode.OK);
        mine.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("kind").GetString().ShouldBe(ReminderJob.MonthlyReportKind);
    }

    [Fact]
    public async Task The_job_runs_on_the_job_server_in_its_school_on_the_schools_today()
    {
        var w = await SeedAsync();
        JobRunner.RunSchoolJob<ReminderJob>(Services, w.School.School);
        var (stored, _) = await StoredAsync(w.School);
        // Today is 100 days before the end (no milestone); on the 25th students 1–3 lack this month's report.
        stored.Count.ShouldBe(Today.Day == 25 ? 3 : 0);
        stored.ShouldNotContain(r => r.Kind == ReminderJob.Kind);
    }

    [Fact]
    public async Task Without_a_day_the_preview_is_of_the_schools_today()
    {
        var w = await SeedAsync();
        var s = w.School;
        var before = MenteeSchool.Today;
        var preview = await (await s.Admin.GetAsync(s.Route("reminders/preview"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        var day = DateOnly.Parse(preview.GetProperty("asOf").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        day.ShouldBeInRange(before, MenteeSchool.Today); // the school's day may turn during the call
        var named = await (await s.Admin.GetAsync(s.Route($"reminders/preview?asOf={day:yyyy-MM-dd}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        preview.GetProperty("items").GetArrayLength().ShouldBe(named.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("?asOf=")]
    [InlineData("?asOf=2026-13-01")]
    [InlineData("?asOf=tomorrow")]
    public async Task The_preview_needs_a_valid_day(string query)
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        await (await admin.GetAsync(school.Route($"reminders/preview{query}"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}

public sealed class ReminderTestsOnSqlite(SqliteJobsApp app) : ReminderTests<SqliteJobsApp>(app);

public sealed class ReminderTestsOnPostgres(PostgresJobsApp app) : ReminderTests<PostgresJobsApp>(app);
