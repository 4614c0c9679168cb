using System.Net;
using System.Text.Json;
using MentorCloud.Application.Notifications;
using MentorCloud.Domain.Notifications;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Each user reads and marks their own notifications in their own school; nobody else's is found; a unique key is stored once.</summary>
public abstract class NotificationTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private IServiceProvider Services => App.Factory.Services;

    private static async Task<Guid> UserIdAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("userId").GetGuid();

    private async Task<List<(Guid Id, bool Stored)>> NotifyAsync(SchoolSetup school, Guid recipient, params (string Key, DateTimeOffset At)[] notes)
    {
        await using var scope = await JobRunner.SchoolScopeAsync(Services, school);
        var store = scope.ServiceProvider.GetRequiredService<INotificationStore>();
        var result = new List<(Guid, bool)>();
        foreach (var (key, at) in notes)
        {
            var notification = new Notification(recipient, "reminder.semesterDeadline", $"提醒 {key}", "三个一尚未完成", JsonSerializer.Serialize(new { key }), at, key);
            result.Add((notification.Id, await store.TryAddAsync(notification, Ct)));
        }
        return result;
    }

    private async Task<(SchoolSetup School, HttpClient Teacher, Guid TeacherUser, HttpClient Other, Guid OtherUser)> SchoolWithTwoTeachersAsync()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var (first, second) = (TestApi.UniqueCode("t"), TestApi.UniqueCode("t"));
        await admin.CreateTeacherAsync(school, first);
        await admin.CreateTeacherAsync(school, second);
        var teacher = await Api.As(first);
        var other = await Api.As(second);
        return (school, teacher, await UserIdAsync(teacher), other, await UserIdAsync(other));
    }

    [Fact]
    public async Task A_user_reads_their_notifications_newest_first_paged_and_marks_one_read()
    {
        var (school, teacher, me, other, otherUser) = await SchoolWithTwoTeachersAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        var mine = await NotifyAsync(school, me, ("k1", start), ("k2", start.AddHours(2)), ("k3", start.AddHours(1)));
        await NotifyAsync(school, otherUser, ("k4", start));

        var page = await (await teacher.GetAsync("/api/v1/me/notifications?pageSize=2", Ct)).ShouldBeJson(HttpStatusCode.OK);
        page.GetProperty("totalCount").GetInt32().ShouldBe(3);
        page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ShouldBe([mine[1].Id, mine[2].Id]);
        var second = await (await teacher.GetAsync("/api/v1/me/notifications?page=2&pageSize=2", Ct)).ShouldBeJson(HttpStatusCode.OK);
        second.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(mine[0].Id);
        page.GetProperty("items")[0].GetProperty("readAt").ValueKind.ShouldBe(JsonValueKind.Null);

        (await teacher.PostAsync($"/api/v1/me/notifications/{mine[1].Id}/read", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await teacher.PostAsync($"/api/v1/me/notifications/{mine[1].Id}/read", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await (await teacher.GetAsync("/api/v1/me/notifications", Ct)).ShouldBeJson(HttpStatusCode.OK);
        after.GetProperty("items")[0].GetProperty("readAt").ValueKind.ShouldBe(JsonValueKind.String);
        var unread = await (await teacher.GetAsync("/api/v1/me/notifications?unreadOnly=true", Ct)).ShouldBeJson(HttpStatusCode.OK);
        unread.GetProperty("totalCount").GetInt32().ShouldBe(2);

        var theirs = await (await other.GetAsync("/api/v1/me/notifications", Ct)).ShouldBeJson(HttpStatusCode.OK);
        theirs.GetProperty("totalCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Another_users_or_another_schools_notification_is_not_found_and_stays_unread()
    {
        var (school, teacher, me, other, _) = await SchoolWithTwoTeachersAsync();
        var note = (await NotifyAsync(school, me, ("mine", DateTimeOffset.UtcNow)))[0].Id;
        var elsewhere = await Api.CreateSchoolAsync();
        using var otherAdmin = await Api.As(elsewhere.SchoolAdmin);
        using var platform = await Api.AsPlatformAdmin();
        using var anonymous = Api.Anonymous();

        await (await other.PostAsync($"/api/v1/me/notifications/{note}/read", null, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await otherAdmin.PostAsync($"/api/v1/me/notifications/{note}/read", null, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await platform.PostAsync($"/api/v1/me/notifications/{note}/read", null, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await anonymous.PostAsync($"/api/v1/me/notifications/{note}/read", null, Ct)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await teacher.PostAsync($"/api/v1/me/notifications/{Guid.CreateVersion7()}/read", null, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await otherAdmin.GetAsync("/api/v1/me/notifications", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);
        (await (await platform.GetAsync("/api/v1/me/notifications", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);

        var mine = await (await teacher.GetAsync("/api/v1/me/notifications", Ct)).ShouldBeJson(HttpStatusCode.OK);
        mine.GetProperty("items").EnumerateArray().Single().GetProperty("readAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_notification_with_a_key_the_school_already_has_is_already_there_also_when_two_writers_race()
    {
        var (school, teacher, me, _, _) = await SchoolWithTwoTeachersAsync();
        var other = await Api.CreateSchoolAsync();
        var now = DateTimeOffset.UtcNow;

        (await NotifyAsync(school, me, ("semester-1:30:me", now)))[0].Stored.ShouldBeTrue();
        (await NotifyAsync(school, me, ("semester-1:30:me", now)))[0].Stored.ShouldBeFalse();
        var raced = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => NotifyAsync(school, me, ("semester-1:14:me", now)), Ct)));
        raced.Count(r => r[0].Stored).ShouldBe(1);
        (await NotifyAsync(other, me, ("semester-1:30:me", now)))[0].Stored.ShouldBeTrue("the key is unique per school");

        (await (await teacher.GetAsync("/api/v1/me/notifications", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(2);
        await using var scope = await JobRunner.SchoolScopeAsync(Services, school);
        (await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Notifications.CountAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task A_mentor_given_a_mentee_is_notified_once_by_the_outbox_dispatcher()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var (mentorLogin, bystanderLogin) = (TestApi.UniqueCode("t"), TestApi.UniqueCode("t"));
        var mentor = await admin.CreateTeacherAsync(school, mentorLogin);
        await admin.CreateTeacherAsync(school, bystanderLogin);
        var (groupId, studentId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var scope = await JobRunner.SchoolScopeAsync(Services, school))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.OutboxMessages.Add(new MentorCloud.Infrastructure.Events.OutboxMessage("assignment.changed",
                JsonSerializer.Serialize(new { groupId, studentId, from = Array.Empty<Guid>(), to = new[] { mentor }, reason = "reassigned" }), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        JobRunner.RunSchoolJob<MentorCloud.Infrastructure.Jobs.OutboxDispatchJob>(Services, school);
        await using (var scope = await JobRunner.SchoolScopeAsync(Services, school))
            await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().OutboxMessages
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, (DateTimeOffset?)null), Ct);
        JobRunner.RunSchoolJob<MentorCloud.Infrastructure.Jobs.OutboxDispatchJob>(Services, school);

        using var mentorClient = await Api.As(mentorLogin);
        var mine = await (await mentorClient.GetAsync("/api/v1/me/notifications", Ct)).ShouldBeJson(HttpStatusCode.OK);
        var note = mine.GetProperty("items").EnumerateArray().ShouldHaveSingleItem("a rerun of the same message tells nobody twice");
        note.GetProperty("kind").GetString().ShouldBe("assignment.changed");
        var payload = JsonDocument.Parse(note.GetProperty("payload").GetString()!).RootElement;
        payload.GetProperty("studentId").GetGuid().ShouldBe(studentId);
        payload.GetProperty("groupId").GetGuid().ShouldBe(groupId);
        using var bystander = await Api.As(bystanderLogin);
        (await (await bystander.GetAsync("/api/v1/me/notifications", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Bad_paging_answers_400()
    {
        var (_, teacher, _, _, _) = await SchoolWithTwoTeachersAsync();
        await (await teacher.GetAsync("/api/v1/me/notifications?pageSize=0", Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await teacher.GetAsync("/api/v1/me/notifications?page=0", Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}

public sealed class NotificationTestsOnSqlite(SqliteApp app) : NotificationTests<SqliteApp>(app);

public sealed class NotificationTestsOnPostgres(PostgresApp app) : NotificationTests<PostgresApp>(app);
