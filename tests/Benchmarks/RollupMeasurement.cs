using System.Diagnostics;
using System.Globalization;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Districts;
using MentorCloud.Infrastructure.Jobs;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MentorCloud.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- rollup [--schools N] [--students N] [--runs N] [--workers N]</c> on the
/// PostgreSQL server named by MENTORCLOUD_TEST_POSTGRES: seeds one district of schools in a new shared database with bulk
/// SQL, then times the district rollup as the jobs run it (each school in its own tenant scope through
/// <see cref="DistrictRollup"/>, storing its snapshot in the catalog), one after the other as one job worker would and with
/// N workers at once, against one hand-written SQL statement counting the same figures for every school (GROUP BY tenant).
/// Exits non-zero when any school's stored figures differ from the hand-written query's.
/// </summary>
internal static class RollupMeasurement
{
    private const int Teachers = 60;
    private const int Classes = 25;

    public static async Task<int> RunAsync(string[] args)
    {
        var server = Environment.GetEnvironmentVariable("MENTORCLOUD_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            Console.Error.WriteLine("MENTORCLOUD_TEST_POSTGRES must name a PostgreSQL server.");
            return 2;
        }
        var schools = Option(args, "--schools", 100);
        var students = Option(args, "--students", 1000);
        var runs = Option(args, "--runs", 3);
        var workers = Option(args, "--workers", 2);
        var existing = args.Contains("--database") ? args[Array.IndexOf(args, "--database") + 1] : null;
        var keep = args.Contains("--keep") || existing is not null;
        var logSql = args.Contains("--log-sql");

        var database = existing ?? $"mc_rollup_bench_{Guid.NewGuid():N}"[..32];
        var connection = $"{System.Text.RegularExpressions.Regex.Replace(server, "Database=[^;]*;?", "")};Database={database}";
        await using var provider = BenchmarkHost.Build("PostgreSql", connection, settings: new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" },
            configure: services => services.AddLogging(logging => logging.AddProvider(new SqlLog())));
        try
        {
            Console.WriteLine(Invariant($"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}"));
            var clock = provider.GetRequiredService<TimeProvider>();
            var today = clock.Today();
            var watch = Stopwatch.StartNew();
            List<TenantInfo> tenants;
            if (existing is null)
            {
                tenants = await BenchmarkHost.ProvisionSchoolsAsync(provider, [.. Enumerable.Range(0, schools).Select(k => ($"school-{k:000}", $"基准学校{k}"))]);
                Console.WriteLine(Invariant($"Provisioned {schools} schools (catalog rows, default policies) in {watch.ElapsedMilliseconds:N0} ms"));
                watch.Restart();
                var rows = await SeedAsync(connection, tenants, students, today, clock.GetUtcNow());
                Console.WriteLine(Invariant($"Seeded in {watch.Elapsed.TotalSeconds:F1} s: {string.Join(", ", rows.Select(r => $"{r.Key} {r.Value:N0}"))}"));
            }
            else
            {
                await using var scope = provider.CreateAsyncScope();
                var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
                tenants = [.. (await (from s in catalog.Schools.AsNoTracking() join d in catalog.Districts.AsNoTracking() on s.DistrictId equals d.Id orderby s.Code select new { s, d }).ToListAsync())
                    .Select(x => TenantInfo.For(x.s, x.d))];
                Console.WriteLine($"Reusing database {database} ({tenants.Count} schools)");
            }
            await using (var db = new NpgsqlConnection(connection))
            {
                await db.OpenAsync();
                Console.WriteLine(Invariant($"Database size: {await ScalarAsync<long>(db, "SELECT pg_database_size(current_database())") / 1048576.0:N0} MB"));
            }

            // Warm-up: one school's rollup (JIT, EF model and query compilation) and one hand-written query.
            await RollUpAsync(provider, tenants.Take(1).ToList(), 1);
            await HandWrittenAsync(connection, today);
            if (logSql)
            {
                SqlLog.Enabled = true;
                await RollUpAsync(provider, tenants.Skip(1).Take(1).ToList(), 1);
                SqlLog.Enabled = false;
            }

            var rollups = new List<double>();
            var handWritten = new List<double>();
            var parallel = new List<double>();
            var perSchool = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var (total, times) = await RollUpAsync(provider, tenants, 1);
                rollups.Add(total);
                perSchool.AddRange(times);
                watch.Restart();
                var expected = await HandWrittenAsync(connection, today);
                handWritten.Add(watch.Elapsed.TotalMilliseconds);
                if (run == 1) await CompareAsync(provider, tenants, expected);
                if (workers > 1) parallel.Add((await RollUpAsync(provider, tenants, workers)).Total);
                Console.WriteLine(Invariant($"run {run}: rollup {total / 1000:F2} s sequential{(workers > 1 ? $", {parallel[^1] / 1000:F2} s with {workers} workers" : "")}; hand-written query {handWritten[^1] / 1000:F2} s; ratio {total / handWritten[^1]:F2}; load average {LoadAverage()}"));
            }

            if (runs == 0) return 0;
            perSchool.Sort();
            Console.WriteLine();
            Console.WriteLine(Invariant($"| measure | median of {runs} | min | max |"));
            Console.WriteLine("|---|---:|---:|---:|");
            Row($"rollup of {schools} schools, one worker (sequential)", rollups, "s");
            if (workers > 1) Row($"rollup of {schools} schools, {workers} workers", parallel, "s");
            Row("one hand-written SQL aggregate (all schools, GROUP BY tenant)", handWritten, "s");
            Console.WriteLine(Invariant($"| ratio rollup / hand-written | {Median(rollups) / Median(handWritten):F2} | | |"));
            Console.WriteLine(Invariant($"| one school's rollup | {Median(perSchool):F0} ms | {perSchool[0]:F0} ms | {perSchool[^1]:F0} ms |"));
            Console.WriteLine(Invariant($"Load average at the end: {LoadAverage()}"));
            var met = Median(rollups) <= 60_000 && Median(rollups) <= 3 * Median(handWritten);
            Console.WriteLine(met ? "Targets met: ≤ 60 s and ≤ 3× the hand-written query." : "Targets NOT met.");
            return 0;
        }
        catch (FiguresMismatchException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (!keep)
            {
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            else Console.WriteLine($"Database kept: {database}");
        }
    }

    /// <summary>
    /// A semester in force (80 days in, 60 to go) for every school, written by INSERT … SELECT generate_series with
    /// deterministic ids (md5 of kind, school and number) so the tables join as the application writes them.
    /// Per school: 60 teachers (two inactive), 25 classes, N students (1 in 97 inactive, about 1 in 8 with attention
    /// flags), one group per class (published, but for one class in every other school), a mentor per student (50
    /// mentors; mentor 49 over the cap; one pair in 50 ended and replaced), up to eight activities per student (4 talks,
    /// 2 parent contacts, 2 evaluation feedbacks; some students lack a kind, some activities skipped, 1 in 61 deleted),
    /// one group talk per five students, monthly reports for the months so far (1 in 10 missing) and a mentor
    /// evaluation for every third student.
    /// </summary>
    private static async Task<Dictionary<string, long>> SeedAsync(string connection, List<TenantInfo> tenants, int students, DateOnly today, DateTimeOffset now)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var start = today.AddDays(-80);
        var end = today.AddDays(60);
        async Task Run(string sql)
        {
            await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("start", start);
            command.Parameters.AddWithValue("end", end);
            command.Parameters.AddWithValue("today", today);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("students", students);
            command.Parameters.AddWithValue("tenants", tenants.Select(t => t.Id).ToArray());
            await command.ExecuteNonQueryAsync();
        }
        await Run("""
            CREATE FUNCTION bench_id(text, int, int) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT md5($1 || ':' || $2 || ':' || $3)::uuid $$;
            CREATE FUNCTION bench_mentor(int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 % 100 < 4 THEN 49 ELSE ($1 / 20) % 49 END $$;
            CREATE UNLOGGED TABLE bench_schools AS SELECT (ordinality - 1)::int AS k, tenant FROM unnest(@tenants::uuid[]) WITH ORDINALITY AS t(tenant);
            """);
        await Run("""
            INSERT INTO "Semesters" ("Id", "Label", "StartsOn", "EndsOn", "TenantId")
            SELECT bench_id('sem', k, 0), '本学期', @start, @end, tenant FROM bench_schools;
            """);
        await Run($"""
            INSERT INTO "Teachers" ("Id", "Name", "EmployeeNo", "Subjects", "IsActive", "TenantId", "ClassIds")
            SELECT bench_id('t', k, i), '教师' || i, 'T' || lpad(i::text, 4, '0'), ARRAY['语文'], i % 30 <> 29, tenant, ARRAY[]::uuid[]
            FROM bench_schools, generate_series(0, {Teachers - 1}) i;
            INSERT INTO "Classes" ("Id", "Name", "Grade", "SchoolYear", "HeadTeacherId", "TenantId")
            SELECT bench_id('c', k, c), (c + 1) || '班', 7 + c % 3, 2026, bench_id('t', k, c), tenant
            FROM bench_schools, generate_series(0, {Classes - 1}) c;
            INSERT INTO "Students" ("Id", "Name", "StudentNo", "ClassId", "Gender", "BirthDate", "AttentionFlags", "IsActive", "TenantId", "Guardians")
            SELECT bench_id('s', k, n), '学生' || n, 'S' || lpad(n::text, 5, '0'), bench_id('c', k, n % {Classes}),
                   CASE WHEN n % 2 = 0 THEN 'Female' ELSE 'Male' END, NULL,
                   CASE WHEN (n * 7 + k) % 10 = 0 THEN 1 WHEN (n * 7 + k) % 23 = 0 THEN 6 ELSE 0 END, (n + k) % 97 <> 0, tenant, '[]'
            FROM bench_schools, generate_series(0, @students - 1) n;
            INSERT INTO "MentorGroups" ("Id", "ClassId", "SemesterId", "Phase", "SelectionClosesOn", "CreatedAt", "PublishedAt", "Version", "MentorIds", "TenantId", "Preferences", "Welcomes")
            SELECT bench_id('g', k, c), bench_id('c', k, c), bench_id('sem', k, 0), p.phase, NULL, @now, CASE WHEN p.phase = 'Published' THEN @now END,
                   gen_random_uuid(),
                   ARRAY(SELECT DISTINCT bench_id('t', k, bench_mentor(n)) FROM generate_series(0, @students - 1) n WHERE n % {Classes} = c), tenant, NULL, NULL
            FROM bench_schools, generate_series(0, {Classes - 1}) c,
                 LATERAL (SELECT CASE WHEN c = {Classes - 1} AND k % 2 = 0 THEN 'Matched' ELSE 'Published' END AS phase) p;
            INSERT INTO "MentorAssignments" ("Id", "GroupId", "SemesterId", "StudentId", "MentorId", "Source", "ChoiceRank", "AssignedAt", "TenantId", "EndReason", "EndedAt")
            SELECT bench_id('a', k, n), bench_id('g', k, n % {Classes}), bench_id('sem', k, 0), bench_id('s', k, n), bench_id('t', k, bench_mentor(n)),
                   'AutoAssigned', NULL::int, @now, tenant, NULL::text, NULL::timestamptz
            FROM bench_schools, generate_series(0, @students - 1) n
            UNION ALL
            SELECT bench_id('a0', k, n), bench_id('g', k, n % {Classes}), bench_id('sem', k, 0), bench_id('s', k, n), bench_id('t', k, 55),
                   'AutoAssigned', NULL, @now - interval '60 days', tenant, 'Reassigned', @now - interval '30 days'
            FROM bench_schools, generate_series(0, @students - 1) n WHERE n % 50 = 7;
            INSERT INTO "MentorLoads" ("Id", "SemesterId", "TeacherId", "Mentees", "Version", "TenantId")
            SELECT gen_random_uuid(), "SemesterId", "MentorId", count(*), gen_random_uuid(), "TenantId"
            FROM "MentorAssignments" WHERE "EndedAt" IS NULL GROUP BY "TenantId", "SemesterId", "MentorId";
            """);
        await Run("""
            CREATE UNLOGGED TABLE bench_activities AS
            SELECT k, tenant, n, j, bench_id('act', k, n * 8 + j) AS id, kind, CASE WHEN (n * 13 + j * 7 + k) % 61 = 0 THEN @now END AS deleted
            FROM bench_schools, generate_series(0, @students - 1) n, generate_series(0, 7) j,
                 LATERAL (SELECT CASE WHEN j IN (0, 1, 2, 7) THEN 'Talk' WHEN j IN (3, 4) THEN 'ParentContact' ELSE 'EvaluationFeedback' END AS kind) x
            WHERE NOT ((kind = 'Talk' AND (n + k) % 19 = 0) OR (kind = 'ParentContact' AND (n + k) % 13 = 0)
                       OR (kind = 'EvaluationFeedback' AND (n + k) % 17 = 0) OR (n * 31 + j * 17 + k * 13) % 9 = 0);
            INSERT INTO "GuidanceActivities" ("Id", "SemesterId", "Kind", "Mode", "Summary", "OccurredOn", "RecordedById", "RecordedAt", "EditedAt", "Version", "DeletedAt", "DeletedById", "CoVisitorIds", "Domains", "TenantId")
            SELECT id, bench_id('sem', k, 0), kind,
                   CASE WHEN kind = 'ParentContact' THEN (ARRAY['HomeVisit', 'FaceToFace', 'Phone', 'Online'])[1 + (n + j + k) % 4] END,
                   '本周谈了学习计划和作息安排。', @start + (n * 7 + j * 11 + k) % 81, bench_id('t', k, bench_mentor(n)), @now, NULL, 1,
                   deleted, CASE WHEN deleted IS NOT NULL THEN bench_id('t', k, bench_mentor(n)) END, '{}', ARRAY['Study'], tenant
            FROM bench_activities;
            INSERT INTO "ActivityStudents" ("Id", "ActivityId", "StudentId", "TenantId")
            SELECT bench_id('as', k, n * 8 + j), id, bench_id('s', k, n), tenant FROM bench_activities;
            INSERT INTO "GuidanceActivities" ("Id", "SemesterId", "Kind", "Mode", "Summary", "OccurredOn", "RecordedById", "RecordedAt", "EditedAt", "Version", "DeletedAt", "DeletedById", "CoVisitorIds", "Domains", "TenantId")
            SELECT bench_id('gt', k, g), bench_id('sem', k, 0), 'GroupTalk', NULL, '座谈：期中复习方法交流。', @start + (g * 5 + k) % 81,
                   bench_id('t', k, bench_mentor(g * 5)), @now, NULL, 1, NULL, NULL, '{}', ARRAY['Study', 'Thinking'], tenant
            FROM bench_schools, generate_series(0, (@students - 1) / 5) g WHERE (g + k) % 7 <> 0;
            INSERT INTO "ActivityStudents" ("Id", "ActivityId", "StudentId", "TenantId")
            SELECT bench_id('gs', k, n), bench_id('gt', k, n / 5), bench_id('s', k, n), tenant
            FROM bench_schools, generate_series(0, @students - 1) n WHERE (n / 5 + k) % 7 <> 0;
            INSERT INTO "MonthlyReports" ("Id", "StudentId", "SemesterId", "Month", "Content", "SubmittedAt", "SubmittedByUserId", "SubmittedByRole", "TenantId")
            SELECT bench_id('r' || m::date, k, n), bench_id('s', k, n), bench_id('sem', k, 0), m::date, '这个月按计划完成了作业。', @now, NULL, 'Student', tenant
            FROM bench_schools, generate_series(0, @students - 1) n,
                 generate_series(date_trunc('month', @start::timestamp), @today::timestamp, interval '1 month') m
            WHERE (n * 3 + extract(month FROM m)::int + k) % 10 <> 0;
            INSERT INTO "MentorEvaluations" ("Id", "StudentId", "MentorId", "SemesterId", "Comment", "SubmittedAt", "TenantId", "Care", "Communication", "Guidance")
            SELECT bench_id('e', k, n), bench_id('s', k, n), bench_id('t', k, bench_mentor(n)), bench_id('sem', k, 0), NULL, @now, tenant,
                   3 + (n * 7 + k) % 3, 3 + (n * 5 + k) % 3, 3 + (n * 11 + k) % 3
            FROM bench_schools, generate_series(0, @students - 1) n WHERE n % 3 = 0;
            DROP TABLE bench_activities;
            DROP TABLE bench_schools;
            DROP FUNCTION bench_mentor(int);
            DROP FUNCTION bench_id(text, int, int);
            """);
        // As autovacuum leaves a table after bulk inserts: statistics gathered and the visibility map set, so index-only
        // scans need not visit the table (VACUUM cannot run inside the batch above).
        await Run("VACUUM ANALYZE");
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "Teachers", "Classes", "Students", "MentorGroups", "MentorAssignments", "GuidanceActivities", "ActivityStudents", "MonthlyReports", "MentorEvaluations" })
            counts[table] = await ScalarAsync<long>(db, $"SELECT count(*) FROM \"{table}\"");
        return counts;
    }

    /// <summary>Each school in its own tenant scope, as the nightly job and the district refresh run it; returns the total and each school's time.</summary>
    private static async Task<(double Total, List<double> Times)> RollUpAsync(ServiceProvider provider, List<TenantInfo> tenants, int workers)
    {
        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (tenant, cancellationToken) =>
        {
            var watch = Stopwatch.StartNew();
            await using var scope = provider.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant, new SystemUser("job:district-statistics"));
            await scope.ServiceProvider.GetRequiredService<DistrictRollup>().RollUpSchoolAsync(cancellationToken);
            times.Add(watch.Elapsed.TotalMilliseconds);
        });
        return (total.Elapsed.TotalMilliseconds, [.. times]);
    }

    /// <summary>
    /// One statement for every school and every semester begun: the R13 figures written by hand, under each school's latest
    /// policy, with the monthly reports due computed as the application does (months from the semester's first up to the
    /// last month whose reminder day has passed, at most the semester's last).
    /// </summary>
    public const string HandWrittenSql = """
        WITH pol AS (
            SELECT DISTINCT ON ("TenantId") "TenantId", "MinTalks", "MinParentContacts", "MinEvaluations", "MaxStudentsPerMentor", "MonthlyReportRequired", "MonthlyReportReminderDay"
            FROM "SchoolPolicies" ORDER BY "TenantId", "Version" DESC),
        sem AS (
            SELECT s."Id", s."TenantId", s."StartsOn", p."MinTalks", p."MinParentContacts", p."MinEvaluations", p."MaxStudentsPerMentor", d.last_due,
                   CASE WHEN NOT p."MonthlyReportRequired" OR d.last_due < date_trunc('month', s."StartsOn") THEN 0
                        ELSE (extract(year FROM d.last_due) - extract(year FROM s."StartsOn")) * 12 + extract(month FROM d.last_due) - extract(month FROM s."StartsOn") + 1 END::int AS due
            FROM "Semesters" s JOIN pol p ON p."TenantId" = s."TenantId",
                 LATERAL (SELECT LEAST(date_trunc('month', s."EndsOn"),
                     CASE WHEN @today > s."EndsOn" THEN date_trunc('month', s."EndsOn")
                          WHEN extract(day FROM @today) >= p."MonthlyReportReminderDay" THEN date_trunc('month', @today::timestamp)
                          ELSE date_trunc('month', @today::timestamp) - interval '1 month' END)::date AS last_due) d
            WHERE s."StartsOn" <= @today),
        act AS (
            SELECT a."SemesterId", x."StudentId",
                   count(*) FILTER (WHERE a."Kind" IN ('Talk', 'GroupTalk')) AS talks,
                   count(*) FILTER (WHERE a."Kind" = 'ParentContact') AS contacts,
                   count(*) FILTER (WHERE a."Kind" = 'EvaluationFeedback') AS evaluations
            FROM "ActivityStudents" x JOIN "GuidanceActivities" a ON a."Id" = x."ActivityId"
            WHERE a."DeletedAt" IS NULL GROUP BY a."SemesterId", x."StudentId"),
        rep AS (
            SELECT r."SemesterId", r."StudentId", count(*) AS n
            FROM "MonthlyReports" r JOIN sem ON sem."Id" = r."SemesterId" WHERE r."Month" <= sem.last_due GROUP BY r."SemesterId", r."StudentId"),
        stu AS (
            SELECT sem."Id" AS semester, count(*) AS students,
                   count(*) FILTER (WHERE coalesce(a.talks, 0) >= sem."MinTalks") AS talks_met,
                   count(*) FILTER (WHERE coalesce(a.contacts, 0) >= sem."MinParentContacts") AS contacts_met,
                   count(*) FILTER (WHERE coalesce(a.evaluations, 0) >= sem."MinEvaluations") AS evaluations_met,
                   count(*) FILTER (WHERE coalesce(a.talks, 0) >= sem."MinTalks" AND coalesce(a.contacts, 0) >= sem."MinParentContacts" AND coalesce(a.evaluations, 0) >= sem."MinEvaluations") AS all_met,
                   coalesce(sum(LEAST(coalesce(r.n, 0), sem.due)), 0) AS reports,
                   count(*) FILTER (WHERE s."AttentionFlags" <> 0) AS care,
                   count(*) FILTER (WHERE s."AttentionFlags" <> 0 AND coalesce(a.talks, 0) > 0) AS care_talk
            FROM sem JOIN "Students" s ON s."TenantId" = sem."TenantId" AND s."IsActive"
            LEFT JOIN act a ON a."SemesterId" = sem."Id" AND a."StudentId" = s."Id"
            LEFT JOIN rep r ON r."SemesterId" = sem."Id" AND r."StudentId" = s."Id"
            GROUP BY sem."Id"),
        pairs AS (
            SELECT a."SemesterId", a."MentorId", a."StudentId"
            FROM "MentorAssignments" a JOIN "MentorGroups" g ON g."Id" = a."GroupId" JOIN "Students" s ON s."Id" = a."StudentId"
            WHERE a."EndedAt" IS NULL AND g."Phase" = 'Published' AND s."IsActive"),
        loads AS (
            SELECT l."SemesterId", count(*) AS mentors, sum(l.load) AS places, max(l.load) AS maximum, count(*) FILTER (WHERE l.load > sem."MaxStudentsPerMentor") AS over
            FROM (SELECT "SemesterId", "MentorId", count(*) AS load FROM pairs GROUP BY "SemesterId", "MentorId") l JOIN sem ON sem."Id" = l."SemesterId"
            GROUP BY l."SemesterId"),
        covered AS (SELECT "SemesterId", count(DISTINCT "StudentId") AS n FROM pairs GROUP BY "SemesterId"),
        teachers AS (SELECT "TenantId", count(*) AS n FROM "Teachers" WHERE "IsActive" GROUP BY "TenantId"),
        modes AS (
            SELECT "SemesterId",
                   count(*) FILTER (WHERE "Mode" = 'HomeVisit') AS home, count(*) FILTER (WHERE "Mode" = 'FaceToFace') AS face,
                   count(*) FILTER (WHERE "Mode" = 'Phone') AS phone, count(*) FILTER (WHERE "Mode" = 'Online') AS online
            FROM "GuidanceActivities" WHERE "Kind" = 'ParentContact' AND "Mode" IS NOT NULL AND "DeletedAt" IS NULL GROUP BY "SemesterId"),
        evals AS (
            SELECT "SemesterId", count(*) AS n, sum("Care") AS care, sum("Guidance") AS guidance, sum("Communication") AS communication
            FROM "MentorEvaluations" GROUP BY "SemesterId")
        SELECT sem."TenantId", coalesce(stu.students, 0)::int, coalesce(t.n, 0)::int, coalesce(l.mentors, 0)::int, coalesce(c.n, 0)::int,
               coalesce(l.places, 0)::int, coalesce(l.maximum, 0)::int, sem."MaxStudentsPerMentor", coalesce(l.over, 0)::int,
               coalesce(stu.talks_met, 0)::int, coalesce(stu.contacts_met, 0)::int, coalesce(stu.evaluations_met, 0)::int, coalesce(stu.all_met, 0)::int,
               coalesce(m.home, 0)::int, coalesce(m.face, 0)::int, coalesce(m.phone, 0)::int, coalesce(m.online, 0)::int,
               (sem.due * coalesce(stu.students, 0))::int, coalesce(stu.reports, 0)::int, coalesce(stu.care, 0)::int, coalesce(stu.care_talk, 0)::int,
               coalesce(e.n, 0)::int, coalesce(e.care, 0)::int, coalesce(e.guidance, 0)::int, coalesce(e.communication, 0)::int
        FROM sem LEFT JOIN stu ON stu.semester = sem."Id" LEFT JOIN loads l ON l."SemesterId" = sem."Id" LEFT JOIN covered c ON c."SemesterId" = sem."Id"
        LEFT JOIN teachers t ON t."TenantId" = sem."TenantId" LEFT JOIN modes m ON m."SemesterId" = sem."Id" LEFT JOIN evals e ON e."SemesterId" = sem."Id"
        """;

    private static async Task<Dictionary<Guid, SchoolFigures>> HandWrittenAsync(string connection, DateOnly today)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(HandWrittenSql, db) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("today", today);
        await using var reader = await command.ExecuteReaderAsync();
        var figures = new Dictionary<Guid, SchoolFigures>();
        while (await reader.ReadAsync())
        {
            var i = 1;
            int Next() => reader.GetInt32(i++);
            figures.Add(reader.GetGuid(0), new SchoolFigures
            {
                Students = Next(), Teachers = Next(), ActiveMentors = Next(), CoveredStudents = Next(), MentorPlaces = Next(), MentorLoadMaximum = Next(),
                MentorLoadCap = Next(), CapViolations = Next(), TalksMet = Next(), ParentContactsMet = Next(), EvaluationsMet = Next(), ThreeOnesMet = Next(),
                HomeVisits = Next(), FaceToFaceContacts = Next(), PhoneContacts = Next(), OnlineContacts = Next(), ReportsRequired = Next(),
                ReportsSubmitted = Next(), PriorityCareStudents = Next(), PriorityCareWithTalk = Next(), EvaluationCount = Next(), CareScoreSum = Next(),
                GuidanceScoreSum = Next(), CommunicationScoreSum = Next(),
            });
        }
        return figures;
    }

    /// <summary>Every school's stored snapshot must equal the hand-written query's figures, field by field.</summary>
    private static async Task CompareAsync(ServiceProvider provider, List<TenantInfo> tenants, Dictionary<Guid, SchoolFigures> expected)
    {
        await using var scope = provider.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().DistrictStatistics.AsNoTracking().ToListAsync();
        if (stored.Count != tenants.Count || expected.Count != tenants.Count)
            throw new FiguresMismatchException($"{stored.Count} snapshots and {expected.Count} hand-written rows for {tenants.Count} schools.");
        foreach (var snapshot in stored)
        {
            var wanted = expected[snapshot.SchoolId];
            if (snapshot.Figures != wanted)
                throw new FiguresMismatchException($"School {snapshot.SchoolId}: rollup {snapshot.Figures} but hand-written {wanted}.");
        }
        var sample = stored.OrderBy(s => s.SchoolId).First().Figures;
        Console.WriteLine($"Figures checked: the {stored.Count} snapshots equal the hand-written query's. One school: {sample}");
    }

    /// <summary>With <c>--log-sql</c>: the statements EF Core runs for one school's rollup, with their times.</summary>
    private sealed class SqlLog : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
    {
        public static volatile bool Enabled;

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) =>
            categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => Enabled && logLevel >= Microsoft.Extensions.Logging.LogLevel.Information;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Console.WriteLine($"-- {formatter(state, exception)}\n");
        }

        public void Dispose()
        {
        }
    }

    private sealed class FiguresMismatchException(string message) : Exception(message);

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static void Row(string name, List<double> ms, string unit)
    {
        var sorted = ms.Order().ToList();
        Console.WriteLine(Invariant($"| {name} | {Median(ms) / 1000:F2} {unit} | {sorted[0] / 1000:F2} {unit} | {sorted[^1] / 1000:F2} {unit} |"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
