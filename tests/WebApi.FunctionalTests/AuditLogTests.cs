using System.Net;
using System.Net.Http.Json;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

public abstract class AuditLogTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    [Fact]
    public async Task School_admins_read_who_changed_what_newest_first_and_filter_it()
    {
        var school = await Api.CreateSchoolAsync();
        using var admin = await Api.As(school.SchoolAdmin);
        var head = TestApi.UniqueCode("head");
        var classId = await admin.CreateClassAsync(school, await admin.CreateTeacherAsync(school, head));
        var flagged = await admin.CreateStudentAsync(school, classId);
        var other = await admin.CreateStudentAsync(school, classId);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        using (var headClient = await Api.As(head))
            (await headClient.PutAsJsonAsync(school.Route($"students/{flagged}/attention-flags"), new { flags = new[] { "leftBehind" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync(school.Route($"students/{other}/deactivate"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var all = await (await admin.GetAsync(school.Route("audit"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        all.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(["student.deactivated", "student.attentionFlags.changed"]);
        var change = all.GetProperty("items")[1];
        change.GetProperty("actorName").GetString().ShouldBe(head);
        change.GetProperty("details").GetString()!.ShouldContain("leftBehind");

        var forStudent = await (await admin.GetAsync(school.Route($"audit?studentId={flagged}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        forStudent.GetProperty("totalCount").GetInt32().ShouldBe(1);
        var byActor = await (await admin.GetAsync(school.Route($"audit?actorId={change.GetProperty("actorId").GetGuid()}"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        byActor.GetProperty("totalCount").GetInt32().ShouldBe(1);
        var from = Uri.EscapeDataString(start.ToOffset(TimeSpan.FromHours(8)).ToString("O"));
        (await (await admin.GetAsync(school.Route($"audit?from={from}"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(2);
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        (await (await admin.GetAsync(school.Route($"audit?from={future}"), Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(0);
        // The refusal names the two parameters as the caller wrote them, not the instant printed in a culture's format.
        var backwards = await (await admin.GetAsync(school.Route($"audit?from={future}&to={from}"), Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        backwards.ErrorsFor("to").ShouldBe(["to 不能早于 from。"]);

        using var teacher = await Api.As(head);
        await (await teacher.GetAsync(school.Route("audit"), Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

public sealed class AuditLogTestsOnSqlite(SqliteApp app) : AuditLogTests<SqliteApp>(app);

public sealed class AuditLogTestsOnPostgres(PostgresApp app) : AuditLogTests<PostgresApp>(app);
