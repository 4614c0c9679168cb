using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.MentorGroups;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Reports;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.Progress;

/// <summary>A student's "three ones" and monthly reports in one semester (R9), counted against the school's policy.</summary>
public sealed record StudentProgressDto(
    Guid StudentId,
    Guid SemesterId,
    int Talks,
    int ParentContacts,
    int Evaluations,
    MonthlyReportProgressDto MonthlyReports,
    bool ThreeOnesComplete,
    bool Complete,
    IReadOnlyList<string> Gaps);

/// <summary>Monthly reports due so far in the semester and handed in for those months.</summary>
public sealed record MonthlyReportProgressDto(int Required, int Submitted);

/// <summary>One student and their counts in a semester.</summary>
public sealed class ProgressRow
{
    public Guid StudentId { get; init; }
    public string Name { get; init; } = null!;
    public string StudentNo { get; init; } = null!;
    public Guid ClassId { get; init; }
    public AttentionFlags AttentionFlags { get; init; }
    public int Talks { get; init; }
    public int ParentContacts { get; init; }
    public int Evaluations { get; init; }
    public int MonthlyReports { get; init; }
}

/// <summary>
/// Progress per student, set-based: a fixed three statements count every listed student's talks (group talks
/// included), parent contacts, evaluation feedbacks and monthly reports of the semester, whatever the number of students.
/// </summary>
public static class GuidanceProgress
{
    /// <summary>
    /// Each student of <paramref name="students"/> with their counts in the semester, in three statements whatever the
    /// number of students: the students, their activities grouped by student and kind, their reports grouped by student.
    /// </summary>
    public static async Task<List<ProgressRow>> ProgressRowsAsync(this IApplicationDbContext db, IQueryable<Student> students, Guid semesterId,
        DateOnly lastMonthDue, CancellationToken cancellationToken)
    {
        var context = db.Students.Context();
        var ids = students.Select(s => s.Id);
        var people = await PeopleOf.Apply(context, students).ToListAsync(cancellationToken);
        var activities = await ActivityCounts.Apply(context, ids, semesterId).ToListAsync(cancellationToken);
        var reports = await ReportCounts.Apply(context, ids, semesterId, lastMonthDue).ToListAsync(cancellationToken);
        return Rows(people, activities, reports);
    }

    /// <summary>
    /// A mentor's mentees in the semester (the students of their published pairs in force) with their counts: the three
    /// statements of <see cref="ProgressRowsAsync"/>, compiled, as a mentor's dashboard is read on every visit.
    /// </summary>
    public static async Task<List<ProgressRow>> MenteeProgressRowsAsync(this IApplicationDbContext db, Guid teacherId, Guid semesterId,
        DateOnly lastMonthDue, CancellationToken cancellationToken)
    {
        var context = db.Students.Context();
        var people = await MenteesNamed.For(context)(context, teacherId, semesterId).ToListAsync(cancellationToken);
        var activities = await MenteeActivities.For(context)(context, teacherId, semesterId).ToListAsync(cancellationToken);
        var reports = await MenteeReports.For(context)(context, teacherId, semesterId, lastMonthDue).ToListAsync(cancellationToken);
        return Rows(people, activities, reports);
    }

    /// <summary>A mentor's mentees in the semester, composable: the rule the compiled dashboard expands.</summary>
    public static IQueryable<Student> MenteesOf(this IApplicationDbContext db, Guid teacherId, Guid semesterId) =>
        Mentees.Apply(db.Students.Context(), teacherId, semesterId);

    private static List<ProgressRow> Rows(List<Person> people, List<KindCount> activities, List<StudentCount> reports)
    {
        var byStudent = activities.ToLookup(a => a.StudentId);
        var reportsOf = reports.ToDictionary(r => r.StudentId, r => r.Count);
        int Of(Guid studentId, params ActivityKind[] kinds) => byStudent[studentId].Where(a => kinds.Contains(a.Kind)).Sum(a => a.Count);
        return [.. people.Select(p => new ProgressRow
        {
            StudentId = p.Id,
            Name = p.Name,
            StudentNo = p.StudentNo,
            ClassId = p.ClassId,
            AttentionFlags = p.AttentionFlags,
            Talks = Of(p.Id, ActivityKind.Talk, ActivityKind.GroupTalk),
            ParentContacts = Of(p.Id, ActivityKind.ParentContact),
            Evaluations = Of(p.Id, ActivityKind.EvaluationFeedback),
            MonthlyReports = reportsOf.GetValueOrDefault(p.Id),
        })];
    }

    private sealed record Person(Guid Id, string Name, string StudentNo, Guid ClassId, AttentionFlags AttentionFlags);

    private sealed record KindCount(Guid StudentId, ActivityKind Kind, int Count);

    private sealed record StudentCount(Guid StudentId, int Count);

    // The three statements as rules (see QueryRule): composed for any set of students, and expanded into the compiled
    // queries of a mentor's mentees.
    private static readonly Expression<Func<DbContext, IQueryable<Student>, IQueryable<Person>>> PeopleOf = (context, students) =>
        students.OrderBy(s => s.StudentNo).Select(s => new Person(s.Id, s.Name, s.StudentNo, s.ClassId, s.AttentionFlags));

    private static readonly Expression<Func<DbContext, IQueryable<Guid>, Guid, IQueryable<KindCount>>> ActivityCounts = (context, ids, semesterId) =>
        from x in context.Set<ActivityStudent>()
        join a in context.Set<GuidanceActivity>() on x.ActivityId equals a.Id
        where a.SemesterId == semesterId && ids.Contains(x.StudentId)
        group x by new { x.StudentId, a.Kind } into g
        select new KindCount(g.Key.StudentId, g.Key.Kind, g.Count());

    private static readonly Expression<Func<DbContext, IQueryable<Guid>, Guid, DateOnly, IQueryable<StudentCount>>> ReportCounts =
        (context, ids, semesterId, lastMonthDue) => context.Set<MonthlyReport>()
            .Where(r => r.SemesterId == semesterId && r.Month <= lastMonthDue && ids.Contains(r.StudentId))
            .GroupBy(r => r.StudentId).Select(g => new StudentCount(g.Key, g.Count()));

    // A mentor's mentees: the students of the mentor's published pairs in force in the semester (expanded where it is
    // declared, so it can also be applied on its own).
    private static readonly Expression<Func<DbContext, Guid, Guid, IQueryable<Student>>> Mentees = QueryRule.Expand((DbContext context, Guid teacherId, Guid semesterId) =>
        context.Set<Student>().Where(s => PublishedPairs.Of.Invoke(context, semesterId).Where(a => a.MentorId == teacherId).Select(a => a.StudentId).Contains(s.Id)));

    private static readonly CompiledQuery<Func<DbContext, Guid, Guid, IAsyncEnumerable<Person>>> MenteesNamed = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, Guid teacherId, Guid semesterId) =>
            PeopleOf.Invoke(context, Mentees.Invoke(context, teacherId, semesterId)))));

    private static readonly CompiledQuery<Func<DbContext, Guid, Guid, IAsyncEnumerable<KindCount>>> MenteeActivities = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, Guid teacherId, Guid semesterId) =>
            ActivityCounts.Invoke(context, Mentees.Invoke(context, teacherId, semesterId).Select(s => s.Id), semesterId))));

    private static readonly CompiledQuery<Func<DbContext, Guid, Guid, DateOnly, IAsyncEnumerable<StudentCount>>> MenteeReports = new(() =>
        EF.CompileAsyncQuery(QueryRule.Expand((DbContext context, Guid teacherId, Guid semesterId, DateOnly lastMonthDue) =>
            ReportCounts.Invoke(context, Mentees.Invoke(context, teacherId, semesterId).Select(s => s.Id), semesterId, lastMonthDue))));

    /// <summary>
    /// The last month whose report is due on <paramref name="today"/>: a month is due once it is over, or from the
    /// policy's reminder day on (the 25th by default) while it runs; every month is due once the semester is over.
    /// </summary>
    public static DateOnly LastMonthDue(Semester semester, DateOnly today, int reminderDay)
    {
        var endMonth = MonthlyReport.MonthOf(semester.EndsOn);
        if (today > semester.EndsOn) return endMonth;
        var current = MonthlyReport.MonthOf(today);
        var due = today.Day >= reminderDay ? current : current.AddMonths(-1);
        return due > endMonth ? endMonth : due;
    }

    /// <summary>How many monthly reports are due on <paramref name="today"/>: the semester's months up to <see cref="LastMonthDue"/>.</summary>
    public static int ReportsDue(Semester semester, DateOnly today, PolicySettings policy)
    {
        if (!policy.MonthlyReportRequired) return 0;
        var first = MonthlyReport.MonthOf(semester.StartsOn);
        var last = LastMonthDue(semester, today, policy.MonthlyReportReminderDay);
        return last < first ? 0 : (last.Year - first.Year) * 12 + last.Month - first.Month + 1;
    }

    /// <summary>The progress the counts make under the policy, with what is missing in words (the caller's language).</summary>
    public static StudentProgressDto Of(ProgressRow counts, Guid semesterId, int reportsDue, PolicySettings policy)
    {
        var submitted = Math.Min(counts.MonthlyReports, reportsDue);
        var gaps = new List<string>();
        if (counts.Talks < policy.MinTalks) gaps.Add(Messages.TalksMissing(policy.MinTalks - counts.Talks));
        if (counts.ParentContacts < policy.MinParentContacts) gaps.Add(Messages.ParentContactsMissing(policy.MinParentContacts - counts.ParentContacts));
        if (counts.Evaluations < policy.MinEvaluations) gaps.Add(Messages.EvaluationsMissing(policy.MinEvaluations - counts.Evaluations));
        var threeOnes = gaps.Count == 0;
        if (submitted < reportsDue) gaps.Add(Messages.MonthlyReportsMissing(reportsDue - submitted));
        return new StudentProgressDto(counts.StudentId, semesterId, counts.Talks, counts.ParentContacts, counts.Evaluations,
            new MonthlyReportProgressDto(reportsDue, submitted), threeOnes, gaps.Count == 0, gaps);
    }
}
