using Hangfire;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Districts.Statistics;
using MentorCloud.Application.Policies;
using MentorCloud.Application.Progress;
using MentorCloud.Application.Reminders;
using MentorCloud.Domain.Districts;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorCloud.Infrastructure.Jobs;

/// <summary>
/// The rollup of the current school (R13): the figures of every semester that has begun and has no final snapshot yet, counted by the database
/// (<see cref="SchoolFiguresQuery"/>), stored at district level in the catalog as the latest snapshot per school and
/// semester label. Counts only cross over; the school's data stays where it lives (shared or dedicated database).
/// </summary>
public sealed class DistrictRollup(ApplicationDbContext db, CatalogDbContext catalog, PolicyReader policies, ITenantContext tenant, TimeProvider clock)
{
    /// <summary>
    /// Rolls up the current school; returns how many semesters it stored. A semester whose snapshot was taken after it
    /// ended (with the same dates) already holds its final figures and is left as it is, so the nightly cost follows
    /// the semesters in progress, not the school's history: each semester is counted once more the night after its end.
    /// </summary>
    public async Task<int> RollUpSchoolAsync(CancellationToken cancellationToken)
    {
        var school = tenant.Current ?? throw new InvalidOperationException("The rollup runs inside a school.");
        var today = clock.Today();
        var generatedAt = clock.GetUtcNow();
        var stored = await StoredAsync(school.Id, cancellationToken);
        var semesters = (await db.Semesters.AsNoTracking().Where(s => s.StartsOn <= today).OrderBy(s => s.StartsOn).ToListAsync(cancellationToken))
            .Where(s => !(stored.TryGetValue(s.Label, out var snapshot) && IsFinal(snapshot, s))).ToList();
        if (semesters.Count == 0) return 0;
        var figures = new List<(Domain.Semesters.Semester Semester, SchoolFigures Figures)>();
        foreach (var semester in semesters)
        {
            var policy = await policies.EffectiveSettingsAsync(semester, cancellationToken);
            figures.Add((semester, await db.SchoolFiguresAsync(semester, today, policy, cancellationToken) with
            {
                OverdueDuties = await db.OverdueDutiesAsync(semester, policy, today, cancellationToken),
            }));
        }

        // A second job server rolling up the same school at once may insert the same snapshot first: read again and update.
        for (var attempt = 1; ; attempt++)
        {
            foreach (var (semester, counted) in figures)
            {
                if (!stored.TryGetValue(semester.Label, out var snapshot))
                {
                    snapshot = new DistrictStatisticsSnapshot(school.DistrictId, school.Id, semester.Label);
                    catalog.DistrictStatistics.Add(snapshot);
                    stored[semester.Label] = snapshot;
                }
                snapshot.Record(semester.Dates, SchoolFiguresQuery.AsOf(semester, today), counted, generatedAt);
            }
            try
            {
                await catalog.SaveChangesAsync(cancellationToken);
                return figures.Count;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                catalog.ChangeTracker.Clear();
                stored = await StoredAsync(school.Id, cancellationToken);
            }
        }
    }

    private Task<Dictionary<string, DistrictStatisticsSnapshot>> StoredAsync(Guid schoolId, CancellationToken cancellationToken) =>
        catalog.DistrictStatistics.Where(s => s.SchoolId == schoolId).ToDictionaryAsync(s => s.SemesterLabel, StringComparer.Ordinal, cancellationToken);

    /// <summary>Taken on a school day after the semester's end, for the semester's current dates.</summary>
    private static bool IsFinal(DistrictStatisticsSnapshot snapshot, Domain.Semesters.Semester semester) =>
        snapshot.SemesterStartsOn == semester.StartsOn && snapshot.SemesterEndsOn == semester.EndsOn
        && SchoolCalendar.DayOf(snapshot.GeneratedAt) > semester.EndsOn;
}

/// <summary>Nightly: one <see cref="DistrictStatisticsJob"/> per school.</summary>
public sealed class DistrictStatisticsFanOutJob(SchoolFanOut fanOut) : SchoolFanOutJob<DistrictStatisticsJob>(fanOut);

/// <summary>The rollup of one school, run in that school's scope.</summary>
public sealed class DistrictStatisticsJob(DistrictRollup rollup, ITenantContext tenant, ILogger<DistrictStatisticsJob> logger) : ISchoolJob
{
    public async Task RunAsync(SchoolJob school, CancellationToken cancellationToken)
    {
        if (tenant.Current?.Id != school.SchoolId) throw new InvalidOperationException("The job's school is not the scope's school.");
        var semesters = await rollup.RollUpSchoolAsync(cancellationToken);
        logger.LogInformation("District statistics: {Count} semester(s) rolled up for school {School}", semesters, school.School);
    }
}

/// <summary>
/// A district's rollup on demand: a district-wide job (its argument is the district's code) that rolls up each of the
/// district's schools in that school's own scope, one after the other; a school whose database does not answer is left
/// to the next run.
/// </summary>
public sealed class DistrictStatisticsRefreshJob(CatalogDbContext catalog, ITenantStore tenants, ITenantScopeFactory tenantScopes,
    ITenantAvailability availability, ILogger<DistrictStatisticsRefreshJob> logger)
{
    public async Task<int> RunAsync(string district, CancellationToken cancellationToken)
    {
        var schools = await (from s in catalog.Schools.AsNoTracking()
                             join d in catalog.Districts on s.DistrictId equals d.Id
                             where d.Code == district
                             orderby s.Code
                             select s.Id).ToListAsync(cancellationToken);
        var done = 0;
        foreach (var schoolId in schools.Where(availability.IsAvailable))
        {
            var school = await tenants.FindByIdAsync(schoolId, cancellationToken);
            if (school is null) continue;
            await using var scope = tenantScopes.CreateScope(school, new SystemUser("job:district-statistics"));
            await scope.ServiceProvider.GetRequiredService<DistrictRollup>().RollUpSchoolAsync(cancellationToken);
            done++;
        }
        logger.LogInformation("District statistics: {Count} school(s) of district {District} rolled up", done, district);
        return done;
    }
}

/// <summary>Enqueues a district's rollup into the job storage (a job server of any node runs it).</summary>
public sealed class DistrictStatisticsJobs(IBackgroundJobClient jobs) : IDistrictStatisticsJobs
{
    public string EnqueueRollup(string districtCode) =>
        jobs.Enqueue<DistrictStatisticsRefreshJob>(job => job.RunAsync(districtCode, CancellationToken.None));
}
