using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.MentorGroups;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Progress;

/// <summary>
/// A school's R13 figures for a semester, counted by the database: the live school statistics and the district rollup
/// both read them here, so the two never disagree. Six aggregate statements whatever the number of students; no row per
/// student leaves the database and no entity is loaded.
/// </summary>
public static class SchoolFiguresQuery
{
    public static async Task<SchoolFigures> SchoolFiguresAsync(this IApplicationDbContext db, Semester semester, DateOnly today, PolicySettings policy,
        CancellationToken cancellationToken)
    {
        var semesterId = semester.Id;
        var due = GuidanceProgress.ReportsDue(semester, today, policy);
        var lastMonthDue = GuidanceProgress.LastMonthDue(semester, today, policy.MonthlyReportReminderDay);
        var (minTalks, minContacts, minEvaluations) = (policy.MinTalks, policy.MinParentContacts, policy.MinEvaluations);

        // Grouped derived tables (activities per student and kind, reports per student) joined to the students once, then
        // counted with conditions: one pass, no correlated subquery per student. The live-activity filter (which on the
        // students joins their activity a second time) is lifted for this query and stated once on the joined activity,
        // so GuidanceActivities is read once, not twice; the tenant filter stays.
        var activities = from x in db.ActivityStudents.IgnoreQueryFilters([QueryFilters.LiveActivities])
                         join a in db.GuidanceActivities on x.ActivityId equals a.Id
                         where a.SemesterId == semesterId && a.DeletedAt == null
                         group a.Kind by x.StudentId into g
                         select new
                         {
                             StudentId = g.Key,
                             Talks = g.Count(k => k == ActivityKind.Talk || k == ActivityKind.GroupTalk),
                             ParentContacts = g.Count(k => k == ActivityKind.ParentContact),
                             Evaluations = g.Count(k => k == ActivityKind.EvaluationFeedback),
                         };
        var reports = from r in db.MonthlyReports
                      where r.SemesterId == semesterId && r.Month <= lastMonthDue
                      group r by r.StudentId into g
                      select new { StudentId = g.Key, Count = g.Count() };
        var perStudent = from s in db.Students
                         where s.IsActive
                         join a in activities on s.Id equals a.StudentId into sa
                         from a in sa.DefaultIfEmpty()
                         join r in reports on s.Id equals r.StudentId into sr
                         from r in sr.DefaultIfEmpty()
                         select new
                         {
                             Flagged = s.AttentionFlags != AttentionFlags.None,
                             Talks = (int?)a.Talks ?? 0,
                             ParentContacts = (int?)a.ParentContacts ?? 0,
                             Evaluations = (int?)a.Evaluations ?? 0,
                             Reports = (int?)r.Count ?? 0,
                         };
        var students = await perStudent.GroupBy(_ => 1).Select(g => new
        {
            Students = g.Count(),
            TalksMet = g.Count(p => p.Talks >= minTalks),
            ParentContactsMet = g.Count(p => p.ParentContacts >= minContacts),
            EvaluationsMet = g.Count(p => p.Evaluations >= minEvaluations),
            ThreeOnesMet = g.Count(p => p.Talks >= minTalks && p.ParentContacts >= minContacts && p.Evaluations >= minEvaluations),
            ReportsSubmitted = g.Sum(p => p.Reports < due ? p.Reports : due),
            PriorityCare = g.Count(p => p.Flagged),
            PriorityCareWithTalk = g.Count(p => p.Flagged && p.Talks > 0),
        }).SingleOrDefaultAsync(cancellationToken);

        var pairs = from a in db.PublishedPairsOf(semesterId)
                    join s in db.Students on a.StudentId equals s.Id
                    where s.IsActive
                    select a;
        var cap = policy.MaxStudentsPerMentor;
        var loads = await pairs.GroupBy(a => a.MentorId).Select(g => new { Load = g.Count() })
            .GroupBy(_ => 1)
            .Select(g => new { Mentors = g.Count(), Places = g.Sum(l => l.Load), Maximum = g.Max(l => l.Load), Over = g.Count(l => l.Load > cap) })
            .SingleOrDefaultAsync(cancellationToken);
        var covered = await pairs.Select(a => a.StudentId).Distinct().CountAsync(cancellationToken);
        var teachers = await db.Teachers.CountAsync(t => t.IsActive, cancellationToken);

        var modes = await db.GuidanceActivities
            .Where(a => a.SemesterId == semesterId && a.Kind == ActivityKind.ParentContact && a.Mode != null)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                HomeVisits = g.Count(a => a.Mode == ParentContactMode.HomeVisit),
                FaceToFace = g.Count(a => a.Mode == ParentContactMode.FaceToFace),
                Phone = g.Count(a => a.Mode == ParentContactMode.Phone),
                Online = g.Count(a => a.Mode == ParentContactMode.Online),
            })
            .SingleOrDefaultAsync(cancellationToken);

        var evaluations = await db.MentorEvaluations.Where(e => e.SemesterId == semesterId)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Care = g.Sum(e => e.Scores.Care),
                Guidance = g.Sum(e => e.Scores.Guidance),
                Communication = g.Sum(e => e.Scores.Communication),
            })
            .SingleOrDefaultAsync(cancellationToken);

        var count = students?.Students ?? 0;
        return new SchoolFigures
        {
            Students = count,
            Teachers = teachers,
            ActiveMentors = loads?.Mentors ?? 0,
            CoveredStudents = covered,
            MentorPlaces = loads?.Places ?? 0,
            MentorLoadMaximum = loads?.Maximum ?? 0,
            MentorLoadCap = cap,
            CapViolations = loads?.Over ?? 0,
            TalksMet = students?.TalksMet ?? 0,
            ParentContactsMet = students?.ParentContactsMet ?? 0,
            EvaluationsMet = students?.EvaluationsMet ?? 0,
            ThreeOnesMet = students?.ThreeOnesMet ?? 0,
            HomeVisits = modes?.HomeVisits ?? 0,
            FaceToFaceContacts = modes?.FaceToFace ?? 0,
            PhoneContacts = modes?.Phone ?? 0,
            OnlineContacts = modes?.Online ?? 0,
            ReportsRequired = due * count,
            ReportsSubmitted = students?.ReportsSubmitted ?? 0,
            PriorityCareStudents = students?.PriorityCare ?? 0,
            PriorityCareWithTalk = students?.PriorityCareWithTalk ?? 0,
            EvaluationCount = evaluations?.Count ?? 0,
            CareScoreSum = evaluations?.Care ?? 0,
            GuidanceScoreSum = evaluations?.Guidance ?? 0,
            CommunicationScoreSum = evaluations?.Communication ?? 0,
        };
    }

    /// <summary>The figures a semester's statistics are counted up to on <paramref name="today"/>: today, or the semester's end once it is over.</summary>
    public static DateOnly AsOf(Semester semester, DateOnly today) => today < semester.EndsOn ? today : semester.EndsOn;
}
