using FluentValidation;
using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Evaluations;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Evaluations.Commands;

/// <summary>
/// A student evaluates one of their mentors for a semester (学生评议导师, R11): once per pair and semester, about a
/// teacher who mentored them in that semester under a published pairing (R16), once the semester has begun.
/// </summary>
[RequiresRole(Roles.Student)]
public sealed record SubmitMentorEvaluationCommand(Guid MentorId, Guid SemesterId, EvaluationScoresDto Scores, string? Comment)
    : ICommand<MentorEvaluationDto>, ISchoolRequest, IIdempotentRequest;

public sealed class SubmitMentorEvaluationHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SubmitMentorEvaluationCommand, MentorEvaluationDto>
{
    public async ValueTask<MentorEvaluationDto> Handle(SubmitMentorEvaluationCommand command, CancellationToken cancellationToken)
    {
        var studentId = user.StudentId ?? throw new ForbiddenAccessException();
        var student = await db.Students.SingleOrDefaultAsync(s => s.Id == studentId && s.IsActive, cancellationToken)
                      ?? throw new NotFoundException(nameof(Student), studentId);
        // A teacher or semester of the school is no secret to its students (the published mentor lists name teachers);
        // an id that names neither is simply not found.
        var semester = await db.Semesters.SingleOrDefaultAsync(s => s.Id == command.SemesterId, cancellationToken)
                       ?? throw new NotFoundException(nameof(Semester), command.SemesterId);
        var mentorName = await db.Teachers.Where(t => t.Id == command.MentorId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException(nameof(Teacher), command.MentorId);
        if (await db.MentorEvaluations.AnyAsync(e => e.SemesterId == semester.Id && e.StudentId == studentId && e.MentorId == command.MentorId, cancellationToken))
            throw new ConflictException(Messages.DuplicateMentorEvaluation);

        var mentored = semester.StartsOn <= clock.Today() && await MentoredInAsync(studentId, command.MentorId, semester.Id, cancellationToken);
        var evaluation = MentorEvaluation.Submit(studentId, command.MentorId, semester.Id, mentored, command.Scores.ToScores(), command.Comment, clock.GetUtcNow());
        db.MentorEvaluations.Add(evaluation);
        return new MentorEvaluationDto(evaluation.Id, studentId, student.Name, evaluation.MentorId, mentorName, evaluation.SemesterId,
            EvaluationScoresDto.From(evaluation.Scores), Math.Round(evaluation.Scores.Overall, 2), evaluation.Comment, evaluation.SubmittedAt);
    }

    /// <summary>
    /// The teacher mentors the student in the semester under a published pairing, or did after it was published: a pair
    /// ended while the group was still a draft never counted (R16).
    /// </summary>
    private Task<bool> MentoredInAsync(Guid studentId, Guid mentorId, Guid semesterId, CancellationToken cancellationToken) =>
        (from a in db.MentorAssignments
         join g in db.MentorGroups on a.GroupId equals g.Id
         where a.SemesterId == semesterId && a.StudentId == studentId && a.MentorId == mentorId
               && g.Phase == MentorGroupPhase.Published && (a.EndedAt == null || a.EndedAt >= g.PublishedAt)
         select a.Id).AnyAsync(cancellationToken);
}

public sealed class SubmitMentorEvaluationValidator : AbstractValidator<SubmitMentorEvaluationCommand>
{
    public SubmitMentorEvaluationValidator()
    {
        RuleFor(x => x.MentorId).NotEmpty();
        RuleFor(x => x.SemesterId).NotEmpty();
        RuleFor(x => x.Scores).NotNull();
        RuleFor(x => x.Scores.Care).InclusiveBetween(EvaluationScores.Min, EvaluationScores.Max).When(x => x.Scores is not null).OverridePropertyName("scores.care");
        RuleFor(x => x.Scores.Guidance).InclusiveBetween(EvaluationScores.Min, EvaluationScores.Max).When(x => x.Scores is not null).OverridePropertyName("scores.guidance");
        RuleFor(x => x.Scores.Communication).InclusiveBetween(EvaluationScores.Min, EvaluationScores.Max).When(x => x.Scores is not null)
            .OverridePropertyName("scores.communication");
        RuleFor(x => x.Comment).MaximumLength(MentorEvaluation.MaxCommentLength);
    }
}
