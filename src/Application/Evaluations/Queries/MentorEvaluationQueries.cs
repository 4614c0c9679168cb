using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Evaluations;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Evaluations.Queries;

/// <summary>
/// Evaluations with their authors, newest first: school admins see the school's, a student their own. A mentor never
/// lists evaluations (R11).
/// </summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Student)]
public sealed record GetMentorEvaluationsQuery(Guid? MentorId = null, Guid? SemesterId = null, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<MentorEvaluationDto>>, IPaged, ISchoolRequest;

public sealed class GetMentorEvaluationsHandler(IApplicationDbContext db, AccessPolicy access, ICurrentUser user)
    : IQueryHandler<GetMentorEvaluationsQuery, PagedList<MentorEvaluationDto>>
{
    public async ValueTask<PagedList<MentorEvaluationDto>> Handle(GetMentorEvaluationsQuery query, CancellationToken cancellationToken)
    {
        var evaluations = db.MentorEvaluations.AsQueryable();
        if (!access.IsSchoolAdmin)
        {
            var studentId = user.StudentId ?? Guid.Empty;
            evaluations = evaluations.Where(e => e.StudentId == studentId);
        }
        if (query.MentorId is { } mentorId) evaluations = evaluations.Where(e => e.MentorId == mentorId);
        if (query.SemesterId is { } semesterId) evaluations = evaluations.Where(e => e.SemesterId == semesterId);
        return await PagedList<MentorEvaluationDto>.CreateAsync(EvaluationProjection.Project(db, evaluations.OrderByDescending(e => e.SubmittedAt).ThenBy(e => e.Id)),
            query, cancellationToken);
    }
}

public sealed class GetMentorEvaluationsValidator : AbstractValidator<GetMentorEvaluationsQuery>
{
    public GetMentorEvaluationsValidator() => this.AddPagingRules();
}

/// <summary>One evaluation: school admins, and the student who wrote it.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Student)]
public sealed record GetMentorEvaluationQuery(Guid Id) : IQuery<MentorEvaluationDto>, ISchoolRequest;

public sealed class GetMentorEvaluationHandler(IApplicationDbContext db, AccessPolicy access, ICurrentUser user)
    : IQueryHandler<GetMentorEvaluationQuery, MentorEvaluationDto>
{
    public async ValueTask<MentorEvaluationDto> Handle(GetMentorEvaluationQuery query, CancellationToken cancellationToken)
    {
        var evaluations = db.MentorEvaluations.Where(e => e.Id == query.Id);
        if (!access.IsSchoolAdmin)
        {
            var studentId = user.StudentId ?? Guid.Empty;
            evaluations = evaluations.Where(e => e.StudentId == studentId);
        }
        return await EvaluationProjection.Project(db, evaluations).SingleOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException(nameof(MentorEvaluation), query.Id);
    }
}

public sealed class GetMentorEvaluationValidator : AbstractValidator<GetMentorEvaluationQuery>
{
    public GetMentorEvaluationValidator() => RuleFor(x => x.Id).NotEmpty();
}

/// <summary>
/// A mentor's evaluations in aggregate (R11), of one semester or of all: the mentor themself sees the averages only from
/// <see cref="MentorEvaluation.MinimumForMentor"/> evaluations on; school admins always. Other teachers find nothing.
/// </summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetEvaluationSummaryQuery(Guid TeacherId, Guid? SemesterId = null) : IQuery<EvaluationSummaryDto>, ISchoolRequest;

public sealed class GetEvaluationSummaryHandler(IApplicationDbContext db, AccessPolicy access, ICurrentUser user)
    : IQueryHandler<GetEvaluationSummaryQuery, EvaluationSummaryDto>
{
    public async ValueTask<EvaluationSummaryDto> Handle(GetEvaluationSummaryQuery query, CancellationToken cancellationToken)
    {
        if (!access.IsSchoolAdmin && user.TeacherId != query.TeacherId) throw new NotFoundException(nameof(Teacher), query.TeacherId);
        if (!await db.Teachers.AnyAsync(t => t.Id == query.TeacherId, cancellationToken)) throw new NotFoundException(nameof(Teacher), query.TeacherId);

        var evaluations = db.MentorEvaluations.Where(e => e.MentorId == query.TeacherId);
        if (query.SemesterId is { } semesterId) evaluations = evaluations.Where(e => e.SemesterId == semesterId);
        // A mentor has a few dozen evaluations at most: the scores are read and averaged here, alike on every provider.
        var scores = await evaluations.Select(e => new { e.Scores.Care, e.Scores.Guidance, e.Scores.Communication }).ToListAsync(cancellationToken);
        var count = scores.Count;
        var shown = count > 0 && (access.IsSchoolAdmin || count >= MentorEvaluation.MinimumForMentor);
        EvaluationAveragesDto? averages = null;
        if (shown)
        {
            decimal Mean(int sum, int of) => Math.Round((decimal)sum / of, 2);
            int care = scores.Sum(s => s.Care), guidance = scores.Sum(s => s.Guidance), communication = scores.Sum(s => s.Communication);
            averages = new EvaluationAveragesDto(Mean(care, count), Mean(guidance, count), Mean(communication, count),
                Mean(care + guidance + communication, 3 * count));
        }
        return new EvaluationSummaryDto(query.TeacherId, query.SemesterId, count, shown, averages);
    }
}

public sealed class GetEvaluationSummaryValidator : AbstractValidator<GetEvaluationSummaryQuery>
{
    public GetEvaluationSummaryValidator() => RuleFor(x => x.TeacherId).NotEmpty();
}

internal static class EvaluationProjection
{
    public static IQueryable<MentorEvaluationDto> Project(IApplicationDbContext db, IQueryable<MentorEvaluation> evaluations) =>
        from e in evaluations
        join s in db.Students on e.StudentId equals s.Id
        join t in db.Teachers on e.MentorId equals t.Id
        select new MentorEvaluationDto(e.Id, e.StudentId, s.Name, e.MentorId, t.Name, e.SemesterId,
            new EvaluationScoresDto(e.Scores.Care, e.Scores.Guidance, e.Scores.Communication),
            Overall(e.Scores.Care, e.Scores.Guidance, e.Scores.Communication), e.Comment, e.SubmittedAt);

    // Evaluated after the query, alike on every provider.
    private static decimal Overall(int care, int guidance, int communication) => Math.Round(new EvaluationScores(care, guidance, communication).Overall, 2);
}
