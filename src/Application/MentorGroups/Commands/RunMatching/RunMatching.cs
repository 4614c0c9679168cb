using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.MentorGroups;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups.Commands.RunMatching;

/// <summary>
/// Runs two-way selection (R4) for the class's active students: deferred acceptance with each mentor's room
/// under the cap (R3) across every group of the semester, then auto-assignment; manual placements stay.
/// </summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record RunMatchingCommand(Guid GroupId) : ICommand<MatchResultDto>, ISchoolRequest;

public sealed class RunMatchingHandler(IApplicationDbContext db, MentorGroupService groups, MentorLoadLedgers ledgers, TimeProvider clock)
    : ICommandHandler<RunMatchingCommand, MatchResultDto>
{
    public async ValueTask<MatchResultDto> Handle(RunMatchingCommand command, CancellationToken cancellationToken)
    {
        var group = await groups.LoadForHeadTeacherAsync(command.GroupId, cancellationToken);
        var students = await groups.ActiveStudentsAsync(group.ClassId, cancellationToken);
        var mentorIds = group.MentorIds.ToList();
        var active = await db.Teachers.Where(t => mentorIds.Contains(t.Id) && t.IsActive).Select(t => new { t.Id, t.ClassIds }).ToDictionaryAsync(t => t.Id, t => t.ClassIds, cancellationToken);
        var headTeacherId = await groups.HeadTeacherOfAsync(group.ClassId, cancellationToken);
        var ledger = await ledgers.OpenAsync(group.SemesterId, mentorIds, cancellationToken);

        var mentors = mentorIds.Where(active.ContainsKey)
            .Select(id => new AvailableMentor(id, id == headTeacherId || active[id].Contains(group.ClassId))).ToList();
        var candidates = students.Select(s => new MatchStudent(s.Id, s.StudentNo, s.IsPriorityCare,
            group.Preferences.FirstOrDefault(p => p.StudentId == s.Id)?.RankedMentorIds ?? [])).ToList();

        var result = group.Match(candidates, mentors, ledger, clock.GetUtcNow());

        var assignments = group.Assignments.GroupBy(a => a.StudentId)
            .Select(g => new MatchAssignmentDto(g.Key, g.Select(a => a.MentorId).ToList(), g.First().ChoiceRank)).ToList();
        return new MatchResultDto(assignments, result.Unmatched, result.AutoAssigned.Select(p => p.StudentId).ToList(), result.Shortfall);
    }
}

public sealed class RunMatchingValidator : AbstractValidator<RunMatchingCommand>
{
    public RunMatchingValidator() => RuleFor(x => x.GroupId).NotEmpty();
}
