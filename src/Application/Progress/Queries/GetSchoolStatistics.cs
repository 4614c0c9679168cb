using FluentValidation;
using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.MentorGroups;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Policies;
using MentorCloud.Application.Semesters;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Progress.Queries;

public sealed record MentorLoadDto(decimal? Average, int Maximum, int Cap, int CapViolations);

/// <summary>Share of active students (in %) who have their talks, parent contacts, evaluation feedbacks, and all three (R9).</summary>
public sealed record ThreeOnesDto(decimal? Talks, decimal? ParentContacts, decimal? Evaluations, decimal? All);

public sealed record ParentContactModesDto(int HomeVisit, int FaceToFace, int Phone, int Online);

/// <summary>Monthly reports due so far over all active students, those handed in, and the rate in %.</summary>
public sealed record MonthlyReportRateDto(int Required, int Submitted, decimal? Rate);

/// <summary>Flagged students (R5) and how many of them had at least one talk in the semester.</summary>
public sealed record PriorityCareFiguresDto(int Students, int WithTalk);

/// <summary>Students' evaluations of their mentors (R11): how many, and the average per dimension and overall (1–5).</summary>
public sealed record EvaluationFiguresDto(int Count, decimal? Care, decimal? Guidance, decimal? Communication, decimal? Overall);

/// <summary>The school's live figures for a semester: the R13 fields, counted, never a child's personal data.</summary>
public sealed record SchoolStatisticsDto(
    Guid SemesterId,
    DateOnly AsOf,
    int Students,
    int Teachers,
    int ActiveMentors,
    decimal? Coverage,
    MentorLoadDto MentorLoad,
    ThreeOnesDto ThreeOnes,
    ParentContactModesDto ParentContactModes,
    MonthlyReportRateDto MonthlyReports,
    PriorityCareFiguresDto PriorityCare,
    EvaluationFiguresDto Evaluations);

/// <summary>School admins: the school's figures for a semester (the one in force when none is named), computed live with a fixed handful of set-based queries.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record GetSchoolStatisticsQuery(Guid? SemesterId = null) : IQuery<SchoolStatisticsDto>, ISchoolRequest;

public sealed class GetSchoolStatisticsHandler(IApplicationDbContext db, PolicyReader policies, TimeProvider clock)
    : IQueryHandler<GetSchoolStatisticsQuery, SchoolStatisticsDto>
{
    public async ValueTask<SchoolStatisticsDto> Handle(GetSchoolStatisticsQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var semester = await db.Semesters.ChosenOrInForceAsync(query.SemesterId, today, cancellationToken);
        var policy = await policies.EffectiveSettingsAsync(cancellationToken);
        var active = db.Students.Where(s => s.IsActive);

        var rows = await db.ProgressRowsAsync(active, semester.Id, GuidanceProgress.LastMonthDue(semester, today, policy.MonthlyReportReminderDay), cancellationToken);
        var teachers = await db.Teachers.CountAsync(t => t.IsActive, cancellationToken);

        var pairs = db.PublishedPairsOf(semester.Id).Where(a => active.Any(s => s.Id == a.StudentId));
        var loads = await pairs.GroupBy(a => a.MentorId).Select(g => g.Count()).ToListAsync(cancellationToken);
        var covered = await pairs.Select(a => a.StudentId).Distinct().CountAsync(cancellationToken);

        var modes = await db.GuidanceActivities
            .Where(a => a.SemesterId == semester.Id && a.Kind == ActivityKind.ParentContact && a.Mode != null)
            .GroupBy(a => a.Mode).Select(g => new { Mode = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Mode!.Value, g => g.Count, cancellationToken);

        var evaluations = await db.MentorEvaluations.Where(e => e.SemesterId == semester.Id)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Care = g.Average(e => (double)e.Scores.Care),
                Guidance = g.Average(e => (double)e.Scores.Guidance),
                Communication = g.Average(e => (double)e.Scores.Communication),
            })
            .SingleOrDefaultAsync(cancellationToken);

        var due = GuidanceProgress.ReportsDue(semester, today, policy);
        var progress = rows.Select(r => (Row: r, Progress: GuidanceProgress.Of(r, semester.Id, due, policy))).ToList();
        var flagged = rows.Where(r => r.AttentionFlags != AttentionFlags.None).ToList();

        return new SchoolStatisticsDto(
            semester.Id,
            today < semester.EndsOn ? today : semester.EndsOn,
            rows.Count,
            teachers,
            loads.Count,
            Percent(covered, rows.Count),
            new MentorLoadDto(loads.Count == 0 ? null : Math.Round((decimal)loads.Sum() / loads.Count, 1), loads.DefaultIfEmpty(0).Max(),
                policy.MaxStudentsPerMentor, loads.Count(l => l > policy.MaxStudentsPerMentor)),
            new ThreeOnesDto(
                Percent(rows.Count(r => r.Talks >= policy.MinTalks), rows.Count),
                Percent(rows.Count(r => r.ParentContacts >= policy.MinParentContacts), rows.Count),
                Percent(rows.Count(r => r.Evaluations >= policy.MinEvaluations), rows.Count),
                Percent(progress.Count(p => p.Progress.ThreeOnesComplete), rows.Count)),
            new ParentContactModesDto(
                modes.GetValueOrDefault(ParentContactMode.HomeVisit), modes.GetValueOrDefault(ParentContactMode.FaceToFace),
                modes.GetValueOrDefault(ParentContactMode.Phone), modes.GetValueOrDefault(ParentContactMode.Online)),
            new MonthlyReportRateDto(due * rows.Count, progress.Sum(p => p.Progress.MonthlyReports.Submitted),
                Percent(progress.Sum(p => p.Progress.MonthlyReports.Submitted), due * rows.Count)),
            new PriorityCareFiguresDto(flagged.Count, flagged.Count(r => r.Talks > 0)),
            evaluations is null
                ? new EvaluationFiguresDto(0, null, null, null, null)
                : new EvaluationFiguresDto(evaluations.Count, Round(evaluations.Care), Round(evaluations.Guidance), Round(evaluations.Communication),
                    Round((evaluations.Care + evaluations.Guidance + evaluations.Communication) / 3)));
    }

    private static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);

    private static decimal Round(double value) => Math.Round((decimal)value, 2);
}

public sealed class GetSchoolStatisticsValidator : AbstractValidator<GetSchoolStatisticsQuery>
{
    public GetSchoolStatisticsValidator() => RuleFor(q => q.SemesterId).NotEqual(Guid.Empty);
}
