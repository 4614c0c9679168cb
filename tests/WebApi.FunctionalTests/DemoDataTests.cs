using System.Text.Json;
using System.Net;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary><c>Demo:Seed</c> gives a fresh installation a school to explore, and seeding twice changes nothing.</summary>
public abstract class DemoDataTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    [Fact]
    public async Task Demo_seed_creates_a_school_with_a_current_semester_classes_teachers_and_students_once()
    {
        var database = App.Factory.Database.NewDatabase();
        var settings = new Dictionary<string, string?> { ["Demo:Seed"] = "true" };
        await using (var first = new MentorCloudFactory(App.Factory.Database, database, settings))
            _ = first.Server;
        await using var demo = new MentorCloudFactory(App.Factory.Database, database, settings);
        var api = new TestApi(demo);
        using var admin = await api.As("demo-admin", "Demo#2026");
        const string school = "/api/v1/schools/demo-school";

        (await admin.GetAsync($"{school}/semesters/current", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await admin.GetAsync($"{school}/classes", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(4);
        (await (await admin.GetAsync($"{school}/teachers", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(12);
        (await (await admin.GetAsync($"{school}/students", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32().ShouldBe(120);
        var flagged = await (await admin.GetAsync($"{school}/students?flag=singleParent", Ct)).ShouldBeJson(HttpStatusCode.OK);
        flagged.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);

        // A living school: every class's mentor group published, consent on record for most students, flagged students' archives begun.
        var groups = await (await admin.GetAsync($"{school}/mentor-groups", Ct)).ShouldBeJson(HttpStatusCode.OK);
        groups.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("phase").GetString()).ShouldBe(["published", "published", "published", "published"]);
        var singleParent = flagged.GetProperty("items")[0].GetProperty("id").GetGuid();
        var archive = await (await admin.GetAsync($"{school}/students/{singleParent}/archive", Ct)).ShouldBeJson(HttpStatusCode.OK);
        archive.GetProperty("sections").GetProperty("family").GetProperty("content").GetProperty("structure").GetString().ShouldBe("singleParent");
        (await (await admin.GetAsync($"{school}/students/{singleParent}/guardian-consent", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("inForce").GetBoolean().ShouldBeTrue();
        (await (await admin.GetAsync($"{school}/students/{singleParent}/goals", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);

        using var head = await api.As("demo-t01", "Demo#2026");
        var own = await (await head.GetAsync($"{school}/students?pageSize=200", Ct)).ShouldBeJson(HttpStatusCode.OK);
        own.GetProperty("totalCount").GetInt32().ShouldBe(30);
        // Guidance so far: every kind recorded, parent contacts of several modes, and flagged students with gaps listed first.
        var kinds = new[] { "talk", "parentContact", "evaluationFeedback", "groupTalk" };
        foreach (var kind in kinds)
            (await (await admin.GetAsync($"{school}/activities?kind={kind}&pageSize=1", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("totalCount").GetInt32()
                .ShouldBeGreaterThan(0, kind);
        var contacts = await (await admin.GetAsync($"{school}/activities?kind=parentContact&pageSize=200", Ct)).ShouldBeJson(HttpStatusCode.OK);
        contacts.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("mode").GetString()).Distinct().Count().ShouldBeGreaterThan(2);
        using var secondHead = await api.As("demo-t02", "Demo#2026");
        var care = await (await secondHead.GetAsync($"{school}/priority-care", Ct)).ShouldBeJson(HttpStatusCode.OK);
        var cared = care.GetProperty("students").EnumerateArray().ToList();
        cared.ShouldNotBeEmpty();
        cared.ShouldContain(s => s.GetProperty("daysSinceLastTalk").ValueKind == JsonValueKind.Number);
        cared[0].GetProperty("daysSinceLastTalk").ValueKind.ShouldBe(JsonValueKind.Null);

        using var district = await api.As("demo-district", "Demo#2026");
        (await district.GetAsync("/api/v1/districts/demo/schools", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var student = await api.As("demo-s001", "Demo#2026");
        (await student.GetAsync($"{school}/policy", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Monthly reports for every past month of the semester (R9), and evaluations: demo-t05 sees averages, demo-t01 not yet (R11).
        var semester = await (await admin.GetAsync($"{school}/semesters/current", Ct)).ShouldBeJson(HttpStatusCode.OK);
        var startsOn = DateOnly.Parse(semester.GetProperty("startsOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var pastMonths = startsOn > today ? 0 : (today.Year - startsOn.Year) * 12 + today.Month - startsOn.Month;
        var studentId = (await (await student.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("studentId").GetGuid();
        var reports = await (await student.GetAsync($"{school}/students/{studentId}/monthly-reports", Ct)).ShouldBeJson(HttpStatusCode.OK);
        reports.GetProperty("totalCount").GetInt32().ShouldBe(pastMonths);
        using var mentor = await api.As("demo-t05", "Demo#2026");
        var mentorId = (await (await mentor.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("teacherId").GetGuid();
        var headId = (await (await head.GetAsync("/api/v1/me", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetProperty("teacherId").GetGuid();
        var shown = await (await mentor.GetAsync($"{school}/mentors/{mentorId}/evaluation-summary", Ct)).ShouldBeJson(HttpStatusCode.OK);
        var hidden = await (await head.GetAsync($"{school}/mentors/{headId}/evaluation-summary", Ct)).ShouldBeJson(HttpStatusCode.OK);
        if (startsOn <= today)
        {
            (shown.GetProperty("count").GetInt32(), shown.GetProperty("shown").GetBoolean()).ShouldBe((4, true));
            (hidden.GetProperty("count").GetInt32(), hidden.GetProperty("shown").GetBoolean()).ShouldBe((2, false));
        }

        // Progress and figures show something real: a mentor's mentees, some done and some with gaps; the school's rates between none and all.
        var board = await (await mentor.GetAsync($"{school}/mentors/{mentorId}/progress", Ct)).ShouldBeJson(HttpStatusCode.OK);
        board.GetProperty("mentees").GetInt32().ShouldBeGreaterThan(0);
        board.GetProperty("items").EnumerateArray().ShouldContain(m => m.GetProperty("progress").GetProperty("gaps").GetArrayLength() > 0);
        var figures = await (await admin.GetAsync($"{school}/statistics", Ct)).ShouldBeJson(HttpStatusCode.OK);
        figures.GetProperty("students").GetInt32().ShouldBe(120);
        figures.GetProperty("coverage").GetDecimal().ShouldBe(100m);
        figures.GetProperty("threeOnes").GetProperty("talks").GetDecimal().ShouldBeInRange(1m, 99.9m);
        figures.GetProperty("priorityCare").GetProperty("students").GetInt32().ShouldBeGreaterThan(0);

        // The district's rollup is there to read, and agrees with the school's live figures.
        var rollup = await (await district.GetAsync("/api/v1/districts/demo/statistics", Ct)).ShouldBeJson(HttpStatusCode.OK);
        rollup.GetProperty("semester").GetProperty("label").GetString().ShouldBe(semester.GetProperty("label").GetString());
        var entry = rollup.GetProperty("schools").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("school").GetString().ShouldBe("demo-school");
        entry.GetProperty("figures").GetProperty("students").GetInt32().ShouldBe(120);
        entry.GetProperty("figures").GetProperty("threeOnes").GetProperty("talks").GetDecimal()
            .ShouldBe(figures.GetProperty("threeOnes").GetProperty("talks").GetDecimal());
        rollup.GetProperty("totals").GetProperty("figures").GetProperty("students").GetInt32().ShouldBe(120);

        // The reminder job, run for the semester's past days, left the mentors' reminders and the head teachers' escalations
        // 7 days after them (the demo policy gains a reminder day ten days back when the semester is old enough).
        if (startsOn.AddDays(10) <= today)
        {
            static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];
            var mentorNotes = Items(await (await mentor.GetAsync("/api/v1/me/notifications?pageSize=100", Ct)).ShouldBeJson(HttpStatusCode.OK));
            mentorNotes.ShouldContain(n => n.GetProperty("kind").GetString() == "reminder.semesterDeadline");
            var headNotes = Items(await (await head.GetAsync("/api/v1/me/notifications?pageSize=100", Ct)).ShouldBeJson(HttpStatusCode.OK));
            static string Milestone(JsonElement n) => JsonDocument.Parse(n.GetProperty("payload").GetString()!).RootElement.GetProperty("milestone").GetString()!;
            var escalation = headNotes.Last(n => n.GetProperty("kind").GetString() == "reminder.escalation" && Milestone(n).StartsWith("escalation:daysBeforeEnd:", StringComparison.Ordinal));
            var reminder = headNotes.Single(n => n.GetProperty("kind").GetString() == "reminder.semesterDeadline" && "escalation:" + Milestone(n) == Milestone(escalation));
            (escalation.GetProperty("createdAt").GetDateTimeOffset() - reminder.GetProperty("createdAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromDays(7));
            escalation.GetProperty("body").GetString().ShouldNotBeNullOrEmpty();
        }
    }
}

public sealed class DemoDataTestsOnSqlite(SqliteApp app) : DemoDataTests<SqliteApp>(app);

public sealed class DemoDataTestsOnPostgres(PostgresApp app) : DemoDataTests<PostgresApp>(app);
