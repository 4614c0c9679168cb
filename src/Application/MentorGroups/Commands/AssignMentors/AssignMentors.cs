using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Policies;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups.Commands.AssignMentors;

/// <summary>
/// The head teacher sets a student's mentors (指定结对, R4): before or after publishing (recorded), within the
/// cap (R3) and the several-mentors rule for priority-care students (R5).
/// </summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record AssignMentorsCommand(Guid GroupId, Guid StudentId, IReadOnlyList<Guid> MentorIds) : ICommand<IReadOnlyList<GroupAssignmentDto>>, ISchoolRequest;

public sealed class AssignMentorsHandler(IApplicationDbContext db, MentorGroupService groups, MentorLoadLedgers ledgers, PolicyReader policies, TimeProvider clock)
    : ICommandHandler<AssignMentorsCommand, IReadOnlyList<GroupAssignmentDto>>
{
    public async ValueTask<IReadOnlyList<GroupAssignmentDto>> Handle(AssignMentorsCommand command, CancellationToken cancellationToken)
    {
        var group = await groups.LoadForHeadTeacherAsync(command.GroupId, cancellationToken);
        var student = await db.Students.SingleOrDefaultAsync(s => s.Id == command.StudentId && s.ClassId == group.ClassId && s.IsActive, cancellationToken)
                      ?? throw new NotFoundException(nameof(Student), command.StudentId);
        await groups.EnsureActiveTeachersAsync(command.MentorIds.Distinct().ToList(), "mentorIds", cancellationToken);
        var settings = await policies.EffectiveSettingsAsync(cancellationToken);

        var ledger = await ledgers.OpenAsync(group.SemesterId, group.MentorsOf(student.Id).Concat(command.MentorIds), cancellationToken);
        group.Assign(student.Id, student.IsPriorityCare, command.MentorIds, settings.MaxMentorsPerStudent, ledger, clock.GetUtcNow());

        return group.Assignments.Where(a => a.StudentId == student.Id).Select(a => new GroupAssignmentDto(a.MentorId, a.Source, a.ChoiceRank)).ToList();
    }
}

public sealed class AssignMentorsValidator : AbstractValidator<AssignMentorsCommand>
{
    public AssignMentorsValidator() => RuleFor(x => x.MentorIds).NotEmpty();
}
