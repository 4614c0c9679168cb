using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Npgsql;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>The district rollup (R13): figures as counted by hand, counts only at district level, small groups withheld, files, refresh.</summary>
public abstract class DistrictStatisticsTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private IServiceProvider Services => App.Factory.Services;

    private static DateOnly Today => MenteeSchool.Today;

    private static int ReportsDueByHand()
    {
        var start = Today.AddDays(-20);
        var months = (Today.Year - start.Year) * 12 + Today.Month - start.Month + 1;
        return Today.Day >= 25 ? months : months - 1;
    }

    private async Task RecordAsync(HttpClient mentor, MenteeSchool s, string kind, Guid[] students, string? mode = null)
    {
        var body = new
        {
            kind, studentIds = students, semesterId = s.SemesterId, occurredOn = Today.AddDays(-1).ToString("yyyy-MM-dd"), mode,
            domains = new[] { "study" }, summary = "谈了这周的学习安排。",
        };
        (await mentor.PostAsJsonAsync(s.Route("activities"), body, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>
    /// Six students: 0, 1 and 4 with the mentor, 2 (left behind, priority care) with both, 3 and 5 with the other mentor.
    /// 0: two talks, a group talk with 1, a phone call home, an evaluation feedback, every report, and an evaluation of
    /// the mentor (5, 4, 3). 1: the group talk. 2: a talk by the other mentor and a face-to-face parent meeting. 3–5: nothing.
    /// </summary>
    private async Task<MenteeSchool> SeedAsync()
    {
        var s = await MenteeSchool.CreateAsync(Api, [1, 1, 3, 2, 1, 2], Ct);
        var (s0, s1, s2) = (s.Students[0].Id, s.Students[1].Id, s.Students[2].Id);
        using var mentor = await Api.As(s.Mentor.Username);
        using var other = await Api.As(s.OtherMentor.Username);
        await RecordAsync(mentor, s, "talk", [s0]);
        await RecordAsync(mentor, s, "talk", [s0]);
        await RecordAsync(mentor, s, "groupTalk", [s0, s1]);
        await RecordAsync(mentor, s, "parentContact", [s0], "phone");
        await RecordAsync(mentor, s, "evaluationFeedback", [s0]);
        await RecordAsync(other, s, "talk", [s2]);
        await RecordAsync(mentor, s, "parentContact", [s2], "faceToFace");
        using var student0 = await Api.As(s.Students[0].Username);
        var start = Today.AddDays(-20);
        for (var m = new DateOnly(start.Year, start.Month, 1); m <= Today; m = m.AddMonths(1))
            (await student0.PostAsJsonAsync(s.Route($"students/{s0}/monthly-reports"), new { month = m.ToString("yyyy-MM"), content = "这个月按计划完成了作业。" }, Ct))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await student0.PostAsJsonAsync(s.Route("mentor-evaluations"),
                new { mentorId = s.Mentor.Id, semesterId = s.SemesterId, scores = new { care = 5, guidance = 4, communication = 3 }, comment = "老师很耐心。" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return s;
    }

    /// <summary>Asks for the district's rollup and runs the job it enqueued, as a job server would.</summary>
    private async Task<HttpClient> RefreshAsync(SchoolSetup school)
    {
        var district = await Api.As(school.DistrictAdmin);
        var accepted = await (await district.PostAsync($"/api/v1/districts/{school.District}/statistics/refresh", null, Ct)).ShouldBeJson(HttpStatusCode.Accepted);
        var jobId = accepted.GetProperty("jobId").GetString();
        jobId.ShouldNotBeNullOrWhiteSpace();
        JobRunner.Perform(Services, jobId);
        return district;
    }

    [Fact]
    public async Task The_rollup_equals_the_figures_counted_by_hand_and_withholds_groups_under_five_R13()
    {
        using var s = await SeedAsync();
        var due = ReportsDueByHand();
        using var district = await RefreshAsync(s.School);

        var rollup = await (await district.GetAsync($"/api/v1/districts/{s.School.District}/statistics", Ct)).ShouldBeJson(HttpStatusCode.OK);
        rollup.GetProperty("semester").GetProperty("label").GetString().ShouldBe("本学期");
        rollup.GetProperty("semester").GetProperty("startsOn").GetString().ShouldBe(Today.AddDays(-20).ToString("yyyy-MM-dd"));
        var entry = rollup.GetProperty("schools").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("school").GetString().ShouldBe(s.School.School);
        var f = entry.GetProperty("figures");
        f.GetProperty("students").GetInt32().ShouldBe(6);
        f.GetProperty("teachers").GetInt32().ShouldBe(4);
        f.GetProperty("activeMentors").GetInt32().ShouldBe(2);
        f.GetProperty("coverage").GetDecimal().ShouldBe(100m);
        f.GetProperty("mentorLoad").GetProperty("average").GetDecimal().ShouldBe(3.5m); // (4 + 3) / 2
        f.GetProperty("mentorLoad").GetProperty("maximum").GetInt32().ShouldBe(4);
        f.GetProperty("mentorLoad").GetProperty("capViolations").GetInt32().ShouldBe(0);
        var threeOnes = f.GetProperty("threeOnes");
        threeOnes.GetProperty("talks").GetDecimal().ShouldBe(50m); // 0, 1, 2 of 6
        threeOnes.GetProperty("parentContacts").GetDecimal().ShouldBe(33.3m); // 0, 2
        threeOnes.GetProperty("evaluations").GetDecimal().ShouldBe(16.7m); // 0
        threeOnes.GetProperty("all").GetDecimal().ShouldBe(16.7m);
        var modes = f.GetProperty("parentContactModes");
        (modes.GetProperty("phone").GetInt32(), modes.GetProperty("faceToFace").GetInt32(), modes.GetProperty("homeVisit").GetInt32(), modes.GetProperty("online").GetInt32())
            .ShouldBe((1, 1, 0, 0));
        f.GetProperty("monthlyReports").GetProperty("required").GetInt32().ShouldBe(6 * due);
        f.GetProperty("monthlyReports").GetProperty("submitted").GetInt32().ShouldBe(due);
        if (due > 0) f.GetProperty("monthlyReports").GetProperty("rate").GetDecimal().ShouldBe(16.7m);

        // One priority-care student and one evaluation: groups under five, withheld and named.
        f.GetProperty("priorityCare").GetProperty("students").ValueKind.ShouldBe(JsonValueKind.Null);
        f.GetProperty("priorityCare").GetProperty("withTalk").ValueKind.ShouldBe(JsonValueKind.Null);
        f.GetProperty("evaluations").GetProperty("count").ValueKind.ShouldBe(JsonValueKind.Null);
        f.GetProperty("evaluations").GetProperty("overall").ValueKind.ShouldBe(JsonValueKind.Null);
        entry.GetProperty("suppressed").GetBoolean().ShouldBeTrue();
        entry.GetProperty("suppressedFigures").EnumerateArray().Select(x => x.GetString()).ShouldBe(
            ["priorityCare.students", "priorityCare.withTalk", "evaluations.count", "evaluations.care", "evaluations.guidance", "evaluations.communication", "evaluations.overall"]);

        // The district total minus the other schools (none) would give the withheld figures away: withheld too.
        var totals = rollup.GetProperty("totals");
        totals.GetProperty("schools").GetInt32().ShouldBe(1);
        totals.GetProperty("figures").GetProperty("students").GetInt32().ShouldBe(6);
        totals.GetProperty("figures").GetProperty("threeOnes").GetProperty("talks").GetDecimal().ShouldBe(50m);
        totals.GetProperty("figures").GetProperty("priorityCare").GetProperty("students").ValueKind.ShouldBe(JsonValueKind.Null);
        totals.GetProperty("suppressedFigures").EnumerateArray().Select(x => x.GetString()).ShouldContain("priorityCare.students");
        rollup.GetProperty("trend").GetArrayLength().ShouldBe(0);

        // The school's live figures agree with the rollup.
        var live = await (await s.Admin.GetAsync(s.Route("statistics"), Ct)).ShouldBeJson(HttpStatusCode.OK);
        live.GetProperty("threeOnes").GetProperty("parentContacts").GetDecimal().ShouldBe(33.3m);
        live.GetProperty("mentorLoad").GetProperty("average").GetDecimal().ShouldBe(3.5m);
        live.GetProperty("priorityCare").GetProperty("students").GetInt32().ShouldBe(1);
        live.GetProperty("evaluations").GetProperty("overall").GetDecimal().ShouldBe(4m);
    }

    [Fact]
    public async Task The_snapshot_holds_no_student_names_ids_or_numbers_R13()
    {
        using var s = await SeedAsync();
        using var district = await RefreshAsync(s.School);
        var json = (await (await district.GetAsync($"/api/v1/districts/{s.School.District}/statistics", Ct)).ShouldBeJson(HttpStatusCode.OK)).GetRawText();

        var stored = await StoredSnapshotsAsync();
        stored.ShouldContain(s.School.SchoolId.ToString("D"), Case.Insensitive); // the rows are there, and read
        foreach (var text in new[] { json, stored })
        {
            text.ShouldNotContain("学生");
            foreach (var student in s.Students)
            {
                text.ShouldNotContain(student.Id.ToString("D"), Case.Insensitive);
                text.ShouldNotContain(student.Id.ToString("N"), Case.Insensitive);
                text.ShouldNotContain(student.Username); // the student number too
            }
        }
    }

    /// <summary>Every column of every stored snapshot row, as text.</summary>
    private async Task<string> StoredSnapshotsAsync()
    {
        var factory = App.Factory;
        await using DbConnection connection = factory.Database.Provider == "Sqlite"
            ? new SqliteConnection(factory.ConnectionString)
            : new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"DistrictStatisticsSnapshots\"";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var text = new StringBuilder();
        while (await reader.ReadAsync(Ct))
            for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.GetName(i)).Append('=').Append(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append(';');
        return text.ToString();
    }

    [Fact]
    public async Task Export_gives_the_same_figures_as_csv_and_xlsx_with_formulas_defused_R13()
    {
        using var s = await SeedAsync();
        using var district = await RefreshAsync(s.School);
        // A second school of the district whose name a spreadsheet would run as a formula.
        var code = TestApi.UniqueCode("s");
        (await district.PostAsJsonAsync($"/api/v1/districts/{s.School.District}/schools",
            new { code, name = "=HYPERLINK(\"http://x\")", admin = new { username = $"{code}-admin", password = TestApi.Password, displayName = "校管理员" } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        using var otherAdmin = await Api.As($"{code}-admin");
        (await otherAdmin.PostAsJsonAsync($"/api/v1/schools/{code}/semesters",
            new { label = "本学期", startsOn = Today.AddDays(-20).ToString("yyyy-MM-dd"), endsOn = Today.AddDays(100).ToString("yyyy-MM-dd") }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        JobRunner.Perform(Services, (await (await district.PostAsync($"/api/v1/districts/{s.School.District}/statistics/refresh", null, Ct))
            .ShouldBeJson(HttpStatusCode.Accepted)).GetProperty("jobId").GetString()!);

        var csvResponse = await district.GetAsync($"/api/v1/districts/{s.School.District}/statistics/export?format=csv", Ct);
        csvResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        csvResponse.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = (await csvResponse.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(4); // header, two schools, totals
        var header = lines[0].Split(',');
        header[..3].ShouldBe(["school", "name", "semester"]);
        var own = lines.Single(l => l.StartsWith(s.School.School + ",", StringComparison.Ordinal)).Split(',');
        own[Array.IndexOf(header, "students")].ShouldBe("6");
        decimal.Parse(own[Array.IndexOf(header, "threeOnes.talks")], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(50m);
        own[Array.IndexOf(header, "priorityCare.students")].ShouldBe("");
        own[^1].ShouldContain("priorityCare.students");
        lines.ShouldContain(l => l.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains(",=", StringComparison.Ordinal) || l.Contains(",\"=", StringComparison.Ordinal));
        var totals = lines[^1].Split(',');
        totals[0].ShouldBe("totals");
        // An empty school: no students, so nothing is withheld for it; the total still hides the priority-care student.
        totals[Array.IndexOf(header, "students")].ShouldBe("6");
        totals[Array.IndexOf(header, "priorityCare.students")].ShouldBe("");

        var xlsxResponse = await district.GetAsync($"/api/v1/districts/{s.School.District}/statistics/export?format=xlsx&semester=本学期", Ct);
        xlsxResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync(Ct));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBe(3);
        var ownRow = rows.Single(r => (string?)r["school"] == s.School.School);
        Convert.ToInt32(ownRow["students"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(6);
        ownRow["priorityCare.students"].ShouldBeNull();
        rows.ShouldContain(r => (string?)r["name"] == "'=HYPERLINK(\"http://x\")");

        await (await district.GetAsync($"/api/v1/districts/{s.School.District}/statistics/export?format=pdf", Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await district.GetAsync($"/api/v1/districts/{s.School.District}/statistics/export", Ct)).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Refresh_answers_202_with_a_job_id_and_only_the_districts_admin_reads_its_rollup()
    {
        var school = await Api.CreateSchoolAsync();
        using var district = await Api.As(school.DistrictAdmin);
        var before = await (await district.GetAsync($"/api/v1/districts/{school.District}/statistics", Ct)).ShouldBeJson(HttpStatusCode.OK);
        before.GetProperty("schools").GetArrayLength().ShouldBe(0);
        before.GetProperty("semester").ValueKind.ShouldBe(JsonValueKind.Null);

        using var admin = await Api.As(school.SchoolAdmin);
        (await admin.PostAsJsonAsync(school.Route("semesters"),
            new { label = "2025秋", startsOn = Today.AddDays(-200).ToString("yyyy-MM-dd"), endsOn = Today.AddDays(-60).ToString("yyyy-MM-dd") }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync(school.Route("semesters"),
            new { label = "2026春", startsOn = Today.AddDays(-20).ToString("yyyy-MM-dd"), endsOn = Today.AddDays(100).ToString("yyyy-MM-dd") }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var _ = await RefreshAsync(school);

        var latest = await (await district.GetAsync($"/api/v1/districts/{school.District}/statistics", Ct)).ShouldBeJson(HttpStatusCode.OK);
        latest.GetProperty("semester").GetProperty("label").GetString().ShouldBe("2026春");
        latest.GetProperty("semesters").EnumerateArray().Select(x => x.GetString()).ShouldBe(["2025秋", "2026春"]);
        latest.GetProperty("trend").EnumerateArray().Select(t => t.GetProperty("semester").GetProperty("label").GetString()).ShouldBe(["2025秋"]);
        var past = await (await district.GetAsync($"/api/v1/districts/{school.District}/statistics?semester=2025秋", Ct)).ShouldBeJson(HttpStatusCode.OK);
        past.GetProperty("schools")[0].GetProperty("asOf").GetString().ShouldBe(Today.AddDays(-60).ToString("yyyy-MM-dd"));
        await (await district.GetAsync($"/api/v1/districts/{school.District}/statistics?semester=2030春", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);

        // Another district's admin is told it does not exist; a school admin may not ask.
        var other = await Api.CreateSchoolAsync();
        using var otherDistrict = await Api.As(other.DistrictAdmin);
        await (await otherDistrict.GetAsync($"/api/v1/districts/{school.District}/statistics", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await otherDistrict.PostAsync($"/api/v1/districts/{school.District}/statistics/refresh", null, Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await otherDistrict.GetAsync($"/api/v1/districts/{school.District}/statistics/export?format=csv", Ct)).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/v1/districts/{school.District}/statistics", Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await admin.PostAsync($"/api/v1/districts/{school.District}/statistics/refresh", null, Ct)).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_semester_rolled_up_after_its_end_keeps_those_final_figures_and_is_not_counted_again()
    {
        using var s = await SeedAsync();
        var endsOn = Today.AddDays(100);
        using var mentor = await Api.As(s.Mentor.Username);

        var lastDay = await RollUpOnAsync(s, endsOn);
        await RecordAsync(mentor, s, "talk", [s.Students[4].Id]);
        var nightAfter = await RollUpOnAsync(s, endsOn.AddDays(1));
        nightAfter.Figures.TalksMet.ShouldBe(lastDay.Figures.TalksMet + 1, "the night after its end the semester is counted once more");

        await RecordAsync(mentor, s, "evaluationFeedback", [s.Students[4].Id]);
        var later = await RollUpOnAsync(s, endsOn.AddDays(30));
        later.Figures.ShouldBe(nightAfter.Figures);
        later.GeneratedAt.ShouldBe(nightAfter.GeneratedAt);
    }

    /// <summary>The school's rollup as the nightly job runs it at 02:00 China time on <paramref name="day"/>; its one snapshot.</summary>
    private Task<MentorCloud.Domain.Districts.DistrictStatisticsSnapshot> RollUpOnAsync(MenteeSchool s, DateOnly day) =>
        JobRunner.RollUpSchoolAsync(Services, s.School, new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.FromHours(8)).ToUniversalTime(), Ct);

    [Fact]
    public async Task The_nightly_job_rolls_up_a_school_in_its_own_scope_and_a_rerun_keeps_one_snapshot_per_semester()
    {
        using var s = await SeedAsync();
        JobRunner.RunSchoolJob<MentorCloud.Infrastructure.Jobs.DistrictStatisticsJob>(Services, s.School);
        JobRunner.RunSchoolJob<MentorCloud.Infrastructure.Jobs.DistrictStatisticsJob>(Services, s.School);
        await using var scope = Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        (await catalog.DistrictStatistics.Where(x => x.SchoolId == s.School.SchoolId).Select(x => x.Figures.Students).ToListAsync(Ct)).ShouldBe([6]);
    }
}

public sealed class DistrictStatisticsTestsOnSqlite(SqliteApp app) : DistrictStatisticsTests<SqliteApp>(app);

public sealed class DistrictStatisticsTestsOnPostgres(PostgresApp app) : DistrictStatisticsTests<PostgresApp>(app);
