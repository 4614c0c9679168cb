using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Webhooks;
using MentorCloud.Infrastructure.Events;
using MentorCloud.Infrastructure.Jobs;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Webhooks;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>School admins register webhooks; the outbox dispatcher posts each event once, signed, retried with backoff, every attempt logged; inside addresses are refused.</summary>
public abstract class WebhookTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private const string Secret = "whsec-test-0123456789abcdef";

    private IServiceProvider Services => App.Factory.Services;

    private async Task<(SchoolSetup School, HttpClient Admin)> SchoolAsync()
    {
        var school = await Api.CreateSchoolAsync();
        return (school, await Api.As(school.SchoolAdmin));
    }

    private static async Task<Guid> RegisterAsync(HttpClient admin, SchoolSetup school, string url, params string[] events)
    {
        var response = await admin.PostAsJsonAsync(school.Route("webhooks"), new { url, events = events.Length == 0 ? [WebhookEvents.StudentLeft] : events, secret = Secret }, Ct);
        var body = await response.ShouldBeJson(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe(school.Route($"webhooks/{body.GetProperty("id").GetGuid()}"));
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>A student leaves: one <c>student.left</c> message in the school's outbox.</summary>
    private static async Task<Guid> StudentLeavesAsync(HttpClient admin, SchoolSetup school)
    {
        var classId = await admin.CreateClassAsync(school, await admin.CreateTeacherAsync(school));
        var student = await admin.CreateStudentAsync(school, classId);
        (await admin.PostAsync(school.Route($"students/{student}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return student;
    }

    private static async Task<JsonElement> DeliveriesAsync(HttpClient admin, SchoolSetup school, Guid webhook) =>
        (await (await admin.GetAsync(school.Route($"webhooks/{webhook}/deliveries"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("items");

    private async Task<List<OutboxMessage>> OutboxAsync(SchoolSetup school)
    {
        await using var scope = await JobRunner.SchoolScopeAsync(Services, school);
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().OutboxMessages.AsNoTracking().ToListAsync(Ct);
    }

    [Fact]
    public async Task A_delivery_is_signed_with_the_secret_names_its_id_and_is_posted_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (school, admin) = await SchoolAsync();
        var webhook = await RegisterAsync(admin, school, receiver.Url);
        var student = await StudentLeavesAsync(admin, school);

        JobRunner.RunSchoolJob<OutboxDispatchJob>(Services, school);
        JobRunner.RunSchoolJob<OutboxDispatchJob>(Services, school);

        var received = receiver.Received.ShouldHaveSingleItem();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(received.Body)));
        received.Signature.ShouldBe(expected);
        WebhookSender.Sign("another-secret-0123456789", received.Body).ShouldNotBe(received.Signature);
        var body = JsonDocument.Parse(received.Body).RootElement;
        body.GetProperty("id").GetString().ShouldBe(received.DeliveryId);
        body.GetProperty("type").GetString().ShouldBe(WebhookEvents.StudentLeft);
        body.GetProperty("school").GetString().ShouldBe(school.School);
        body.GetProperty("data").GetProperty("studentId").GetGuid().ShouldBe(student);
        body.TryGetProperty("occurredAt", out _).ShouldBeTrue();

        var delivery = (await DeliveriesAsync(admin, school, webhook)).EnumerateArray().ShouldHaveSingleItem();
        delivery.GetProperty("id").GetString().ShouldBe(received.DeliveryId);
        delivery.GetProperty("status").GetString().ShouldBe("delivered");
        delivery.GetProperty("attempts").EnumerateArray().ShouldHaveSingleItem().GetProperty("statusCode").GetInt32().ShouldBe(200);
        (await OutboxAsync(school)).ShouldAllBe(m => m.ProcessedAt != null && m.LockedBy == null);

        var listed = await (await admin.GetAsync(school.Route("webhooks"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        listed.GetRawText().ShouldNotContain(Secret);
        listed.GetRawText().ShouldNotContain("secret", Case.Insensitive);
        (await RawDatabase.ContainsAsync(App.Factory, Secret, Ct)).ShouldBeFalse("the secret is stored encrypted");
    }

    [Fact]
    public async Task A_school_keeps_at_most_ten_webhooks_and_may_register_again_once_it_deletes_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (school, admin) = await SchoolAsync();
        var first = await RegisterAsync(admin, school, receiver.Url);
        for (var i = 1; i < WebhookSubscription.MaxPerSchool; i++) await RegisterAsync(admin, school, $"{receiver.Url}?n={i}");

        using var english = await Api.As(school.SchoolAdmin, language: "en");
        var refused = await (await english.PostAsJsonAsync(school.Route("webhooks"), new { url = receiver.Url, events = new[] { WebhookEvents.StudentLeft }, secret = Secret }, Ct))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        refused.GetProperty("detail").GetString().ShouldBe("The school already has 10 webhooks, the most it may keep; delete one it no longer uses first.");
        (await (await admin.GetAsync(school.Route("webhooks"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetArrayLength().ShouldBe(WebhookSubscription.MaxPerSchool);

        (await admin.DeleteAsync(school.Route($"webhooks/{first}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await RegisterAsync(admin, school, receiver.Url);
        (await (await admin.GetAsync(school.Route("webhooks"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetArrayLength().ShouldBe(WebhookSubscription.MaxPerSchool);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_backoff_and_every_attempt_is_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (school, admin) = await SchoolAsync();
        var webhook = await RegisterAsync(admin, school, receiver.Url);
        await StudentLeavesAsync(admin, school);
        receiver.Plan(HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError);

        JobRunner.RunSchoolJob<OutboxDispatchJob>(Services, school);

        receiver.Received.Count.ShouldBe(3);
        receiver.Received.Select(r => r.DeliveryId).Distinct().ShouldHaveSingleItem("a delivery keeps its id across attempts");
        var delivery = (await DeliveriesAsync(admin, school, webhook)).EnumerateArray().ShouldHaveSingleItem();
        delivery.GetProperty("status").GetString().ShouldBe("delivered");
        delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).ShouldBe([503, 500, 200]);
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_leaves_the_delivery_failed_and_the_message_scheduled_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Otherwise = HttpStatusCode.BadGateway;
        var (school, admin) = await SchoolAsync();
        var webhook = await RegisterAsync(admin, school, receiver.Url);
        await StudentLeavesAsync(admin, school);

        JobRunner.RunSchoolJob<OutboxDispatchJob>(Services, school);

        receiver.Received.Count.ShouldBe(4, "the first attempt and three retries");
        var delivery = (await DeliveriesAsync(admin, school, webhook)).EnumerateArray().ShouldHaveSingleItem();
        delivery.GetProperty("status").GetString().ShouldBe("failed");
        delivery.GetProperty("attempts").GetArrayLength().ShouldBe(4);
        delivery.GetProperty("attempts")[0].GetProperty("error").GetString().ShouldBe("HTTP 502");
        var message = (await OutboxAsync(school)).ShouldHaveSingleItem();
        message.ProcessedAt.ShouldBeNull();
        message.Attempts.ShouldBe(1);
        message.LastError.ShouldNotBeNull().ShouldContain("502");
        message.AvailableAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow, "backoff before the next dispatch");
        message.LockedBy.ShouldBeNull();

        // Not yet due: a rerun posts nothing.
        JobRunner.RunSchoolJob<OutboxDispatchJob>(Services, school);
        receiver.Received.Count.ShouldBe(4);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.1.20/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    public async Task Private_loopback_and_link_local_targets_are_refused_at_registration(string url)
    {
        var (school, admin) = await SchoolAsync();
        var problem = await (await admin.PostAsJsonAsync(school.Route("webhooks"), new { url, events = new[] { WebhookEvents.StudentLeft }, secret = Secret }, Ct))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorsFor("url").ShouldHaveSingleItem();
        (await (await admin.GetAsync(school.Route("webhooks"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/in", new[] { "student.left" }, Secret)]
    [InlineData("not a url", new[] { "student.left" }, Secret)]
    [InlineData("https://hooks.example.com/in", new[] { "student.arrived" }, Secret)]
    [InlineData("https://hooks.example.com/in", new string[0], Secret)]
    [InlineData("https://hooks.example.com/in", new[] { "student.left" }, "short")]
    public async Task Invalid_registrations_answer_400_and_store_nothing(string url, string[] events, string secret)
    {
        var (school, admin) = await SchoolAsync();
        await (await admin.PostAsJsonAsync(school.Route("webhooks"), new { url, events, secret }, Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await admin.GetAsync(school.Route("webhooks"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_target_that_turns_inside_after_registration_is_refused_when_connecting_without_retries()
    {
        var (school, admin) = await SchoolAsync();
        await StudentLeavesAsync(admin, school);
        // As if the host's DNS answer changed to the metadata address after registration.
        Guid webhook;
        await using (var scope = await JobRunner.SchoolScopeAsync(Services, school))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var secrets = scope.ServiceProvider.GetRequiredService<MentorCloud.Application.Webhooks.IWebhookSecrets>();
            var subscription = new WebhookSubscription(new Uri("http://169.254.169.254/hook"), [WebhookEvents.StudentLeft], secrets.Protect(Secret),
                DateTimeOffset.UtcNow.AddMinutes(-10), null);
            db.WebhookSubscriptions.Add(subscription);
            await db.SaveChangesAsync(Ct);
            webhook = subscription.Id;
        }

        JobRunner.RunSchoolJob<OutboxDispatchJob>(Services, school);

        var delivery = (await DeliveriesAsync(admin, school, webhook)).EnumerateArray().ShouldHaveSingleItem();
        delivery.GetProperty("status").GetString().ShouldBe("failed");
        var attempt = delivery.GetProperty("attempts").EnumerateArray().ShouldHaveSingleItem("a refused target is not retried");
        attempt.GetProperty("statusCode").ValueKind.ShouldBe(JsonValueKind.Null);
        attempt.GetProperty("error").GetString()!.ShouldStartWith("refused:");
    }

    [Fact]
    public async Task The_guard_refuses_inside_addresses_and_allows_public_ones_and_allow_listed_hosts()
    {
        var targets = Services.GetRequiredService<WebhookTargets>();
        foreach (var inside in new[] { "127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1" })
            WebhookTargets.IsPublic(System.Net.IPAddress.Parse(inside)).ShouldBeFalse(inside);
        foreach (var outside in new[] { "8.8.8.8", "203.0.113.10", "2001:4860:4860::8888" })
            WebhookTargets.IsPublic(System.Net.IPAddress.Parse(outside)).ShouldBeTrue(outside);
        (await targets.RefusalAsync(new Uri("http://localhost:5000/"), Ct)).ShouldBeNull("localhost is on this app's allow-list");
        (await targets.RefusalAsync(new Uri("http://127.0.0.1:5000/"), Ct)).ShouldNotBeNull("the allow-list names hosts, not what they resolve to");
    }

    [Fact]
    public async Task Deleted_webhooks_receive_nothing_and_are_gone_from_the_list()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (school, admin) = await SchoolAsync();
        var webhook = await RegisterAsync(admin, school, receiver.Url);
        (await admin.DeleteAsync(school.Route($"webhooks/{webhook}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync(school.Route($"webhooks/{webhook}"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await StudentLeavesAsync(admin, school);

        JobRunner.RunSchoolJob<OutboxDispatchJob>(Services, school);

        receiver.Received.ShouldBeEmpty();
        (await (await admin.GetAsync(school.Route("webhooks"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        await (await admin.GetAsync(school.Route($"webhooks/{webhook}/deliveries"), Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await OutboxAsync(school)).ShouldAllBe(m => m.ProcessedAt != null);
    }

    [Fact]
    public async Task Webhooks_only_receive_the_events_they_chose()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (school, admin) = await SchoolAsync();
        await RegisterAsync(admin, school, receiver.Url, WebhookEvents.MentorGroupPublished);
        await StudentLeavesAsync(admin, school);

        JobRunner.RunSchoolJob<OutboxDispatchJob>(Services, school);

        receiver.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_dispatchers_draining_at_once_post_each_message_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (school, admin) = await SchoolAsync();
        await RegisterAsync(admin, school, receiver.Url);
        const int messages = 30;
        await using (var scope = await JobRunner.SchoolScopeAsync(Services, school))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var at = DateTimeOffset.UtcNow;
            for (var i = 0; i < messages; i++)
                db.OutboxMessages.Add(new OutboxMessage(WebhookEvents.StudentLeft, JsonSerializer.Serialize(new { studentId = Guid.CreateVersion7() }), at));
            await db.SaveChangesAsync(Ct);
        }

        var jobs = Enumerable.Range(0, 3).Select(_ => JobRunner.Enqueue<OutboxDispatchJob>(Services, school)).ToList();
        await Task.WhenAll(jobs.Select(job => Task.Run(() => JobRunner.Perform(Services, job), Ct)));

        receiver.Received.Count.ShouldBe(messages);
        receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("studentId").GetGuid()).Distinct().Count().ShouldBe(messages);
        (await OutboxAsync(school)).ShouldAllBe(m => m.ProcessedAt != null);
    }
}

public sealed class WebhookTestsOnSqlite(SqliteJobsApp app) : WebhookTests<SqliteJobsApp>(app);

public sealed class WebhookTestsOnPostgres(PostgresJobsApp app) : WebhookTests<PostgresJobsApp>(app);
