using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Policies;
using MentorCloud.Domain.MentorGroups;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups.Commands.RunMatching;

/// <summary>
/// Runs two-way selection (R4) for the class's active students: deferred acceptance with each mentor's room
/// under the cap (R3) across every group of the semester, then auto-assignment; manual placements stay.
/// </summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record RunMatchingCommand(Guid GroupId) : ICommand<MatchResultDto>, ISchoolRequest;

public sealed class RunMatchingHandler(IApplicationDbContext db, MentorGroupService groups, PolicyReader policies, TimeProvider clock)
    : ICommandHandler<RunMatchingCommand, MatchResultDto>
{
    public async ValueTask<MatchResultDto> Handle(RunMatchingCommand command, CancellationToken cancellationToken)
    {
        var group = await groups.LoadForHeadTeacherAsync(command.GroupId, cancellationToken);
        var cap = (await policies.EffectiveSettingsAsync(cancellationToken)).MaxStudentsPerMentor;
        var students = await groups.ActiveStudentsAsync(group.ClassId, cancellationToken);
        var mentorIds = group.MentorIds.ToList();
        var active = await db.Teachers.Where(t => mentorIds.Contains(t.Id) && t.IsActive).Select(t => new { t.Id, t.ClassIds }).ToDictionaryAsync(t => t.Id, t => t.ClassIds, cancellationToken);
        var headTeacherId = await db.Classes.Where(c => c.Id == group.ClassId).Select(c => c.HeadTeacherId).SingleAsync(cancellationToken);
        var loads = await groups.LoadsAsync(group.SemesterId, mentorIds, cancellationToken);

        var mentors = mentorIds.Where(active.ContainsKey).Select(id =>
        {
            var elsewhere = loads[id].Mentees - group.LoadOf(id);
            var room = cap - elsewhere - group.ManualLoadOf(id);
            var welcomed = group.Welcomes.FirstOrDefault(w => w.TeacherId == id)?.StudentIds.ToHashSet() ?? [];
            var teachesClass = id == headTeacherId || active[id].Contains(group.ClassId);
            return new MatchMentor(id, Math.Max(0, room), elsewhere + group.ManualLoadOf(id), teachesClass, welcomed);
        }).ToList();
        var candidates = students.Select(s => new MatchStudent(s.Id, s.StudentNo, s.IsPriorityCare,
            group.Preferences.FirstOrDefault(p => p.StudentId == s.Id)?.RankedMentorIds ?? [])).ToList();

        var before = group.LoadByMentor();
        var result = group.Match(candidates, mentors, clock.GetUtcNow());
        await groups.ApplyLoadChangesAsync(group, before, cancellationToken);

        var assignments = group.Assignments.GroupBy(a => a.StudentId)
            .Select(g => new MatchAssignmentDto(g.Key, g.Select(a => a.MentorId).ToList(), g.First().ChoiceRank)).ToList();
        return new MatchResultDto(assignments, result.Unmatched, result.AutoAssigned.Select(p => p.StudentId).ToList(), result.Shortfall);
    }
}

public sealed class RunMatchingValidator : AbstractValidator<RunMatchingCommand>
{
    public RunMatchingValidator() => RuleFor(x => x.GroupId).NotEmpty();
}
