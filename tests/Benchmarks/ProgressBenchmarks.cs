using BenchmarkDotNet.Attributes;
using Mediator;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Progress;
using MentorCloud.Application.Progress.Queries;
using MentorCloud.Application.Students.Queries.GetStudents;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Evaluations;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Reports;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Benchmarks;

/// <summary>
/// A 2,000-student school (50 classes of 40, 134 mentors with 15 mentees each, one published group per class) with a
/// semester of guidance: 8 activities per student (3 talks, 1 group talk of 5, 2 parent contacts, 2 evaluation
/// feedbacks), monthly reports for the months so far (one in ten missing) and an evaluation per student. Times the
/// mentor dashboard and the school's live statistics through the whole Application pipeline (authorization,
/// validation, EF Core) against a page of 50 students through the same pipeline as the baseline. SQLite always;
/// PostgreSQL too when MENTORCLOUD_TEST_POSTGRES names a server.
/// </summary>
[MemoryDiagnoser]
public class ProgressBenchmarks
{
    public const int Students = 2000;
    private const int ClassSize = 40;
    private const int MenteesPerMentor = 15;

    private ServiceProvider _services = null!;
    private TenantInfo _tenant = null!;
    private Guid _mentorId;
    private Func<Task> _cleanup = () => Task.CompletedTask;

    public static IEnumerable<string> Providers() =>
        Environment.GetEnvironmentVariable("MENTORCLOUD_TEST_POSTGRES") is { Length: > 0 } ? ["Sqlite", "PostgreSql"] : ["Sqlite"];

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _cleanup().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "GET /students?pageSize=50 (baseline)")]
    public Task<object> StudentsPage() => SendAsync(new GetStudentsQuery(PageSize: 50));

    [Benchmark(Description = "GET /mentors/{id}/progress (15 mentees)")]
    public Task<object> MentorDashboard() => SendAsync(new GetMentorProgressQuery(_mentorId));

    [Benchmark(Description = "GET /statistics (2,000 students)")]
    public Task<object> SchoolStatistics() => SendAsync(new GetSchoolStatisticsQuery());

    private async Task<object> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = _services.GetRequiredService<ITenantScopeFactory>().CreateScope(_tenant);
        return (await scope.ServiceProvider.GetRequiredService<ISender>().Send(query))!;
    }

    /// <summary>Runs the three once and returns their answers, for a check that the data is what the description says.</summary>
    public async Task<(MentorProgressDto Dashboard, SchoolStatisticsDto Statistics)> SampleAsync() =>
        ((MentorProgressDto)await MentorDashboard(), (SchoolStatisticsDto)await SchoolStatistics());

    public async Task SetupAsync()
    {
        string connection;
        if (Provider == "PostgreSql")
        {
            var database = $"mc_progress_bench_{Guid.NewGuid():N}"[..30];
            connection = $"{System.Text.RegularExpressions.Regex.Replace(Environment.GetEnvironmentVariable("MENTORCLOUD_TEST_POSTGRES")!, "Database=[^;]*;?", "")};Database={database}";
            _cleanup = async () =>
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await using var admin = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("MENTORCLOUD_TEST_POSTGRES"));
                await admin.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            };
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"mentorcloud-progress-{Guid.NewGuid():N}.db");
            connection = $"Data Source={file}";
            _cleanup = () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(file);
                return Task.CompletedTask;
            };
        }

        _services = BenchmarkHost.BuildAsSchoolAdmin(Provider, connection);
        _tenant = await BenchmarkHost.ProvisionSchoolAsync(_services);

        await using var seed = _services.GetRequiredService<ITenantScopeFactory>().CreateScope(_tenant);
        var db = seed.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        _mentorId = await SchoolOfTwoThousand.SeedAsync(db);
    }

    /// <summary>The school and its semester of guidance, written through the domain's own methods.</summary>
    private static class SchoolOfTwoThousand
    {
        public static async Task<Guid> SeedAsync(ApplicationDbContext db)
        {
            var random = new Random(20260901);
            var now = DateTimeOffset.UtcNow;
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var semester = new Semester("本学期", new DateRange(today.AddDays(-80), today.AddDays(60)));
            db.Add(semester);
            var mentors = Enumerable.Range(0, (Students + MenteesPerMentor - 1) / MenteesPerMentor)
                .Select(i => new Teacher($"导师{i}", $"T{i:0000}", ["语文"])).ToList();
            db.AddRange(mentors);
            var loads = mentors.Select(m => new MentorLoad(semester.Id, m.Id)).ToList();
            db.AddRange(loads);
            var ledger = new MentorLoadLedger(semester.Id, MenteesPerMentor, loads);

            var students = new List<Student>();
            var mentorOf = new Dictionary<Guid, Guid>();
            for (var c = 0; c < Students / ClassSize; c++)
            {
                var head = mentors[c * ClassSize / MenteesPerMentor];
                var schoolClass = new SchoolClass($"{c + 1}班", 7 + c % 3, 2026, head.Id);
                db.Add(schoolClass);
                var classStudents = Enumerable.Range(0, ClassSize).Select(i =>
                {
                    var n = c * ClassSize + i;
                    var flags = n % 10 == 0 ? AttentionFlags.LeftBehind : AttentionFlags.None;
                    return new Student($"学生{n}", $"S{n:00000}", schoolClass.Id, n % 2 == 0 ? Gender.Female : Gender.Male, null, [new Guardian("家长", "母亲", null)], flags);
                }).ToList();
                students.AddRange(classStudents);
                db.AddRange(classStudents);

                var groupMentors = classStudents.Select((s, i) => mentors[(c * ClassSize + i) / MenteesPerMentor].Id).Distinct().ToList();
                var group = new MentorGroup(schoolClass.Id, semester.Id, groupMentors, now);
                foreach (var (student, i) in classStudents.Select((s, i) => (s, i)))
                {
                    var mentor = mentors[(c * ClassSize + i) / MenteesPerMentor].Id;
                    group.Assign(student.Id, student.IsPriorityCare, [mentor], 1, ledger, now);
                    mentorOf[student.Id] = mentor;
                }
                group.Publish([.. classStudents.Select(s => s.Id)], now);
                db.Add(group);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var rights = new RecordingRights(mentorOf.ToDictionary(p => p.Key, p => (IReadOnlySet<Guid>)new HashSet<Guid> { p.Value }), new HashSet<Guid>());
            var batch = 0;
            DateOnly Day() => semester.StartsOn.AddDays(random.Next(today.DayNumber - semester.StartsOn.DayNumber + 1));
            void Record(ActivityKind kind, IReadOnlyList<Guid> studentIds, ParentContactMode? mode = null)
            {
                var details = new ActivityDetails(kind, mode, [GuidanceDomain.Study], "本周谈了学习计划和作息安排。", Day(), studentIds, [], []);
                db.Add(GuidanceActivity.Record(details, semester.Id, semester.Dates, mentorOf[studentIds[0]], rights, today, now));
            }
            async Task FlushAsync()
            {
                if (++batch % 500 != 0) return;
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            var modes = Enum.GetValues<ParentContactMode>();
            foreach (var student in students)
            {
                for (var t = 0; t < 3; t++) Record(ActivityKind.Talk, [student.Id]);
                for (var p = 0; p < 2; p++) Record(ActivityKind.ParentContact, [student.Id], modes[random.Next(modes.Length)]);
                for (var e = 0; e < 2; e++) Record(ActivityKind.EvaluationFeedback, [student.Id]);
                await FlushAsync();
            }
            // Group talks of five mentees of the same mentor: one per student.
            foreach (var five in students.GroupBy(s => mentorOf[s.Id]).SelectMany(g => g.Chunk(5)))
            {
                Record(ActivityKind.GroupTalk, [.. five.Select(s => s.Id)]);
                await FlushAsync();
            }

            for (var m = MonthlyReport.MonthOf(semester.StartsOn); m <= today; m = m.AddMonths(1))
            {
                foreach (var student in students.Where((_, i) => random.Next(10) != 0))
                    db.Add(MonthlyReport.Submit(student.Id, m, "这个月按计划完成了作业。", [semester], null, ReportSubmitterRole.Student, today, now));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            foreach (var student in students)
                db.Add(MentorEvaluation.Submit(student.Id, mentorOf[student.Id], semester.Id, true,
                    new EvaluationScores(random.Next(3, 6), random.Next(3, 6), random.Next(3, 6)), null, now));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            // Fresh planner statistics, as autovacuum (PostgreSQL) or a routine ANALYZE (SQLite) would have after a semester.
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            return mentors[0].Id;
        }
    }
}
