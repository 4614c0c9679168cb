using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentorCloud.Application.Policies;
using MentorCloud.Application.Reminders;
using MentorCloud.Domain.Webhooks;
using MentorCloud.Infrastructure.Jobs;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>
/// Escalation of mentors' open gaps (R12): to the head teachers 7 days after a stored reminder, to the school admins 3
/// days before the end, and the overdue duties the district rollup counts; driven by a fake clock, checked against
/// recipients and counts worked out by hand.
/// </summary>
public abstract class EscalationTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private IServiceProvider Services => App.Factory.Services;
    private static DateOnly Today => MenteeSchool.Today;

    /// <summary>The semester of <see cref="MenteeSchool"/> ends 100 days from today.</summary>
    private static DateOnly EndsOn => Today.AddDays(100);

    /// <summary>The first reminder of the default policy: 30 days before the end.</summary>
    private static DateOnly ReminderDay => EndsOn.AddDays(-30);

    private sealed record Stored(Guid RecipientId, string Kind, string Milestone, string Title, string? Body, IReadOnlyList<Guid> StudentIds, DateTimeOffset CreatedAt);

    /// <summary>
    /// The people of <see cref="MenteeSchool"/> (students 0 and 1 with the mentor, 2 with both mentors, 3 with the other;
    /// all but 1 with their three ones done) and two more classes: one headed by the unrelated teacher (who has a login)
    /// with a student of the mentor who had a talk but nothing else, one headed by a teacher without a login with a student
    /// of the other mentor with nothing done.
    /// </summary>
    private sealed record World(MenteeSchool School, Guid HeadUser, Guid SecondHeadUser, Guid AdminUser, Guid SecondClassStudent, Guid HeadlessClassStudent,
        Guid HeadlessHead);

    private async Task<Guid> UserIdAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("userId").GetGuid();

    private async Task RecordAsync(HttpClient mentor, MenteeSchool s, string kind, Guid student) =>
        await (await mentor.PostAsJsonAsync(s.Route("activities"), new
        {
            kind, studentIds = new[] { student }, semesterId = s.SemesterId, occurredOn = Today.AddDays(-1).ToString("yyyy-MM-dd"),
            mode = kind == "parentContact" ? "phone" : null, domains = new[] { "study" }, summary = "谈了这周的学习安排。",
        }, Ct)).ShouldBeJson(HttpStatusCode.Created);

    private async Task<Guid> PairInNewClassAsync(MenteeSchool s, Guid head, Guid mentor)
    {
        var classId = await s.Admin.CreateClassAsync(s.School, head);
        var student = await s.Admin.CreateStudentAsync(s.School, classId);
        var group = (await (await s.Admin.PostAsJsonAsync(s.Route("mentor-groups"),
            new { classId, semesterId = s.SemesterId, mentorIds = new[] { mentor } }, Ct)).ShouldBeJson(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await s.Admin.PutAsJsonAsync(s.Route($"mentor-groups/{group}/assignments/{student}"), new { mentorIds = new[] { mentor } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await s.Admin.PostAsync(s.Route($"mentor-groups/{group}/publish"), null, Ct)).ShouldBeJson(HttpStatusCode.OK);
        return student;
    }

    private async Task<World> SeedAsync()
    {
        var s = await MenteeSchool.CreateAsync(Api, [1, 1, 3, 2], Ct);
        using var mentor = await Api.As(s.Mentor.Username);
        using var other = await Api.As(s.OtherMentor.Username);
        foreach (var (client, student) in new[] { (mentor, s.Students[0].Id), (mentor, s.Students[2].Id), (other, s.Students[3].Id) })
            foreach (var kind in new[] { "talk", "parentContact", "evaluationFeedback" })
                await RecordAsync(client, s, kind, student);
        var second = await PairInNewClassAsync(s, s.Unrelated.Id, s.Mentor.Id);
        await RecordAsync(mentor, s, "talk", second);
        var headless = await s.Admin.CreateTeacherAsync(s.School);
        var third = await PairInNewClassAsync(s, headless, s.OtherMentor.Id);
        using var head = await Api.As(s.Head.Username);
        using var unrelated = await Api.As(s.Unrelated.Username);
        return new World(s, await UserIdAsync(head), await UserIdAsync(unrelated), await UserIdAsync(s.Admin), second, third, headless);
    }

    private static DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.FromHours(8)).ToUniversalTime();

    private async Task<int> RunJobAsync(MenteeSchool s, DateOnly day)
    {
        await using var scope = await JobRunner.SchoolScopeAsync(Services, s.School);
        var job = ActivatorUtilities.CreateInstance<ReminderJob>(scope.ServiceProvider, (TimeProvider)new FakeTimeProvider(At(day)));
        return await job.SendAsync(new SchoolJob(s.School.SchoolId, s.School.School), Ct);
    }

    private async Task<int> OverdueAsync(MenteeSchool s, DateOnly today)
    {
        await using var scope = await JobRunner.SchoolScopeAsync(Services, s.School);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var semester = await db.Semesters.AsNoTracking().SingleAsync(x => x.Id == s.SemesterId, Ct);
        var policy = await scope.ServiceProvider.GetRequiredService<PolicyReader>().EffectiveSettingsAsync(Ct);
        return await db.OverdueDutiesAsync(semester, policy, today, Ct);
    }

    private async Task<List<Stored>> EscalationsAsync(MenteeSchool s)
    {
        await using var scope = await JobRunner.SchoolScopeAsync(Services, s.School);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return [.. (await db.Notifications.AsNoTracking().Where(n => n.Kind == ReminderJob.EscalationKind).ToListAsync(Ct)).Select(n =>
        {
            var payload = JsonDocument.Parse(n.Payload!).RootElement;
            return new Stored(n.RecipientId, n.Kind, payload.GetProperty("milestone").GetString()!, n.Title, n.Body,
                [.. payload.GetProperty("studentIds").EnumerateArray().Select(i => i.GetGuid())], n.CreatedAt);
        })];
    }

    private async Task<List<JsonElement>> PreviewEscalationsAsync(MenteeSchool s, DateOnly day) =>
        [.. (await (await s.Admin.GetAsync(s.Route($"reminders/preview?asOf={day:yyyy-MM-dd}"), Ct)).ShouldBeJson(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Where(i => i.GetProperty("role").GetString() is "headTeacher" or "schoolAdmin")];

    private static List<(Guid Recipient, string Milestone, string Students)> Keys(IEnumerable<JsonElement> items) =>
        [.. items.Select(i => (i.GetProperty("recipientId").GetGuid(), i.GetProperty("milestone").GetString()!,
            string.Join(",", i.GetProperty("students").EnumerateArray().Select(st => st.GetProperty("studentId").GetGuid()).Order()))).Order()];

    private static List<(Guid Recipient, string Milestone, string Students)> Keys(IEnumerable<Stored> stored) =>
        [.. stored.Select(n => (n.RecipientId, n.Milestone, string.Join(",", n.StudentIds.Order()))).Order()];

    [Fact]
    public async Task Seven_days_after_a_mentors_reminder_each_head_teacher_of_a_class_with_open_gaps_gets_one_escalation_and_not_a_day_before()
    {
        var w = await SeedAsync();
        var s = w.School;
        (await PreviewEscalationsAsync(s, ReminderDay.AddDays(7))).ShouldBeEmpty("no reminder is stored yet, so nothing is escalated");
        (await RunJobAsync(s, ReminderDay)).ShouldBeGreaterThanOrEqualTo(2);
        for (var day = ReminderDay.AddDays(1); day < ReminderDay.AddDays(7); day = day.AddDays(1))
        {
            (await PreviewEscalationsAsync(s, day)).ShouldBeEmpty(day.ToString("O"));
            await RunJobAsync(s, day);
        }
        (await EscalationsAsync(s)).ShouldBeEmpty();

        var due = ReminderDay.AddDays(7);
        var preview = await PreviewEscalationsAsync(s, due);
        preview.Select(i => i.GetProperty("recipientId").GetGuid()).Order().ShouldBe(new[] { w.HeadUser, w.SecondHeadUser }.Order());
        preview.ShouldAllBe(i => i.GetProperty("role").GetString() == "headTeacher" && i.GetProperty("milestone").GetString() == "escalation:daysBeforeEnd:30");
        var own = preview.Single(i => i.GetProperty("recipientId").GetGuid() == w.HeadUser);
        own.GetProperty("teacherId").GetGuid().ShouldBe(s.Head.Id);
        var student = own.GetProperty("students").EnumerateArray().ShouldHaveSingleItem();
        student.GetProperty("studentId").GetGuid().ShouldBe(s.Students[1].Id);
        student.GetProperty("classId").GetGuid().ShouldBe(s.ClassId);
        student.GetProperty("gaps").GetArrayLength().ShouldBeGreaterThanOrEqualTo(3);
        student.GetProperty("mentors").EnumerateArray().ShouldHaveSingleItem().GetProperty("teacherId").GetGuid().ShouldBe(s.Mentor.Id);
        var second = preview.Single(i => i.GetProperty("recipientId").GetGuid() == w.SecondHeadUser).GetProperty("students").EnumerateArray().ShouldHaveSingleItem();
        second.GetProperty("studentId").GetGuid().ShouldBe(w.SecondClassStudent);
        second.GetProperty("gaps").GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);

        (await RunJobAsync(s, due)).ShouldBeGreaterThanOrEqualTo(2);
        (await RunJobAsync(s, due)).ShouldBe(0);
        var stored = await EscalationsAsync(s);
        Keys(stored).ShouldBe(Keys(preview));
        stored.ShouldAllBe(n => n.Title.Contains('7'));
        stored.Single(n => n.RecipientId == w.HeadUser).Body.ShouldNotBeNull().ShouldContain("学生2");
        stored.ShouldAllBe(n => n.CreatedAt == At(due));

        // The head teacher reads it among their notifications; the class without a head teacher's login is escalated to nobody.
        using var head = await Api.As(s.Head.Username);
        var mine = await (await head.GetAsync("/api/v1/me/notifications", Ct)).ShouldBeJson(HttpStatusCode.OK);
        mine.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("kind").GetString().ShouldBe(ReminderJob.EscalationKind);
        stored.ShouldNotContain(n => n.StudentIds.Contains(w.HeadlessClassStudent));
        for (var day = due.AddDays(1); day < due.AddDays(4); day = day.AddDays(1)) await RunJobAsync(s, day);
        (await EscalationsAsync(s)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_gap_closed_between_the_reminder_and_its_escalation_is_not_escalated()
    {
        var w = await SeedAsync();
        var s = w.School;
        await RunJobAsync(s, ReminderDay);
        using var mentor = await Api.As(s.Mentor.Username);
        foreach (var kind in new[] { "talk", "parentContact", "evaluationFeedback" })
            await RecordAsync(mentor, s, kind, s.Students[1].Id);

        var due = ReminderDay.AddDays(7);
        var preview = await PreviewEscalationsAsync(s, due);
        preview.Select(i => i.GetProperty("recipientId").GetGuid()).ShouldBe([w.SecondHeadUser]);
        await RunJobAsync(s, due);
        var stored = await EscalationsAsync(s);
        stored.Select(n => n.RecipientId).ShouldBe([w.SecondHeadUser]);
        Keys(stored).ShouldBe(Keys(preview));
    }

    [Fact]
    public async Task Three_days_before_the_end_every_school_admin_gets_one_summary_of_the_gaps_still_open_after_reminders()
    {
        var w = await SeedAsync();
        var s = w.School;
        var adminDay = EndsOn.AddDays(-3);
        (await PreviewEscalationsAsync(s, adminDay)).ShouldBeEmpty("without a stored reminder nothing is escalated");
        foreach (var days in new[] { 30, 23, 14, 7 }) await RunJobAsync(s, EndsOn.AddDays(-days));
        (await EscalationsAsync(s)).Count.ShouldBe(4, "the 30- and 14-day reminders were escalated to the two head teachers 7 days later");
        (await PreviewEscalationsAsync(s, adminDay.AddDays(-1))).ShouldBeEmpty();

        var preview = await PreviewEscalationsAsync(s, adminDay);
        var item = preview.ShouldHaveSingleItem();
        item.GetProperty("role").GetString().ShouldBe("schoolAdmin");
        item.GetProperty("recipientId").GetGuid().ShouldBe(w.AdminUser);
        item.GetProperty("milestone").GetString().ShouldBe(Escalations.SemesterEnd);
        var students = item.GetProperty("students").EnumerateArray().ToList();
        students.Select(st => st.GetProperty("studentId").GetGuid()).Order().ShouldBe(new[] { s.Students[1].Id, w.SecondClassStudent, w.HeadlessClassStudent }.Order());
        students.Single(st => st.GetProperty("studentId").GetGuid() == w.HeadlessClassStudent).GetProperty("mentors").EnumerateArray()
            .ShouldHaveSingleItem().GetProperty("teacherId").GetGuid().ShouldBe(s.OtherMentor.Id);

        (await RunJobAsync(s, adminDay)).ShouldBe(1);
        (await RunJobAsync(s, adminDay)).ShouldBe(0);
        var stored = (await EscalationsAsync(s)).Where(n => n.Milestone == Escalations.SemesterEnd).ToList();
        Keys(stored).ShouldBe(Keys(preview));
        var body = stored.ShouldHaveSingleItem().Body.ShouldNotBeNull();
        body.Split('\n').Length.ShouldBe(3, "one line per class and mentor");
        body.ShouldContain("学生2");
    }

    [Fact]
    public async Task Job_servers_running_the_same_day_at_once_store_each_escalation_and_its_event_once()
    {
        var w = await SeedAsync();
        var s = w.School;
        await RunJobAsync(s, ReminderDay);
        var due = ReminderDay.AddDays(7);
        var expected = (await PreviewEscalationsAsync(s, due)).Count;
        expected.ShouldBe(2);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RunJobAsync(s, due))));
        (await EscalationsAsync(s)).Count.ShouldBe(expected);

        await using var scope = await JobRunner.SchoolScopeAsync(Services, s.School);
        var messages = (await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.Type == WebhookEvents.ReminderCreated).ToListAsync(Ct))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).Where(m => m.GetProperty("milestone").GetString()!.StartsWith(Escalations.Prefix)).ToList();
        messages.Select(m => m.GetProperty("recipientId").GetGuid()).Order().ShouldBe(new[] { w.HeadUser, w.SecondHeadUser }.Order());
    }

    [Fact]
    public async Task Overdue_duties_count_the_missing_talks_parent_contacts_and_evaluations_of_escalated_students_still_open()
    {
        var w = await SeedAsync();
        var s = w.School;
        (await OverdueAsync(s, EndsOn)).ShouldBe(0, "nothing was reminded, so nothing is overdue");
        await RunJobAsync(s, ReminderDay);
        // Reminded: the mentor of student 1 (3 missing) and of the second class's student (talk done: 2 missing); the other
        // mentor of the head-less class's student (3 missing).
        (await OverdueAsync(s, ReminderDay.AddDays(6))).ShouldBe(0);
        (await OverdueAsync(s, ReminderDay.AddDays(7))).ShouldBe(3 + 2 + 3);

        using var mentor = await Api.As(s.Mentor.Username);
        await RecordAsync(mentor, s, "parentContact", s.Students[1].Id);
        (await OverdueAsync(s, ReminderDay.AddDays(7))).ShouldBe(2 + 2 + 3);
        using var other = await Api.As(s.OtherMentor.Username);
        foreach (var kind in new[] { "talk", "parentContact", "evaluationFeedback" })
            await RecordAsync(other, s, kind, w.HeadlessClassStudent);
        (await OverdueAsync(s, ReminderDay.AddDays(7))).ShouldBe(2 + 2);
        (await OverdueAsync(s, EndsOn.AddDays(30))).ShouldBe(2 + 2, "after the end the semester's escalated duties stay overdue");

        // The district sees the count in the school's rollup.
        var snapshot = await JobRunner.RollUpSchoolAsync(Services, s.School, At(EndsOn.AddDays(30)), Ct);
        snapshot.Figures.OverdueDuties.ShouldBe(2 + 2);
    }
}

public sealed class EscalationTestsOnSqlite(SqliteJobsApp app) : EscalationTests<SqliteJobsApp>(app);

public sealed class EscalationTestsOnPostgres(PostgresJobsApp app) : EscalationTests<PostgresJobsApp>(app);
