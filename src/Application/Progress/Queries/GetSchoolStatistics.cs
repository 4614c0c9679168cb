using FluentValidation;
using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Policies;
using MentorCloud.Application.Semesters;

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
        var policy = await policies.EffectiveSettingsAsync(semester, cancellationToken);
        var f = await db.SchoolFiguresAsync(semester, today, policy, cancellationToken);
        return new SchoolStatisticsDto(
            semester.Id,
            SchoolFiguresQuery.AsOf(semester, today),
            f.Students,
            f.Teachers,
            f.ActiveMentors,
            StatisticsMath.Percent(f.CoveredStudents, f.Students),
            new MentorLoadDto(StatisticsMath.Average(f.MentorPlaces, f.ActiveMentors, 1), f.MentorLoadMaximum, f.MentorLoadCap, f.CapViolations),
            new ThreeOnesDto(
                StatisticsMath.Percent(f.TalksMet, f.Students),
                StatisticsMath.Percent(f.ParentContactsMet, f.Students),
                StatisticsMath.Percent(f.EvaluationsMet, f.Students),
                StatisticsMath.Percent(f.ThreeOnesMet, f.Students)),
            new ParentContactModesDto(f.HomeVisits, f.FaceToFaceContacts, f.PhoneContacts, f.OnlineContacts),
            new MonthlyReportRateDto(f.ReportsRequired, f.ReportsSubmitted, StatisticsMath.Percent(f.ReportsSubmitted, f.ReportsRequired)),
            new PriorityCareFiguresDto(f.PriorityCareStudents, f.PriorityCareWithTalk),
            new EvaluationFiguresDto(f.EvaluationCount,
                StatisticsMath.Average(f.CareScoreSum, f.EvaluationCount, 2),
                StatisticsMath.Average(f.GuidanceScoreSum, f.EvaluationCount, 2),
                StatisticsMath.Average(f.CommunicationScoreSum, f.EvaluationCount, 2),
                StatisticsMath.Average(f.CareScoreSum + f.GuidanceScoreSum + f.CommunicationScoreSum, 3 * f.EvaluationCount, 2)));
    }
}

public sealed class GetSchoolStatisticsValidator : AbstractValidator<GetSchoolStatisticsQuery>
{
    public GetSchoolStatisticsValidator() => RuleFor(q => q.SemesterId).NotEqual(Guid.Empty);
}
