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

namespace MentorCloud.Application.MentorGroups.Commands.SetStudentPreferences;

/// <summary>A student ranks up to <c>maxPreferences</c> mentors of their group (R4): the student themself, or the head teacher on their behalf.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record SetStudentPreferencesCommand(Guid GroupId, Guid StudentId, IReadOnlyList<Guid> RankedMentorIds) : ICommand<IReadOnlyList<Guid>>, ISchoolRequest;

public sealed class SetStudentPreferencesHandler(IApplicationDbContext db, ICurrentUser user, AccessPolicy access, MentorGroupService groups, PolicyReader policies)
    : ICommandHandler<SetStudentPreferencesCommand, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(SetStudentPreferencesCommand command, CancellationToken cancellationToken)
    {
        var group = await groups.LoadAsync(command.GroupId, cancellationToken);
        var self = user.StudentId == command.StudentId;
        if (!self && user.IsInRole(Roles.Student)) throw new NotFoundException(nameof(Student), command.StudentId);
        if (!self && !access.IsSchoolAdmin && !await access.IsHeadTeacherOfAsync(group.ClassId, cancellationToken))
            throw new NotFoundException(nameof(MentorGroup), command.GroupId);
        if (!await db.Students.AnyAsync(s => s.Id == command.StudentId && s.ClassId == group.ClassId && s.IsActive, cancellationToken))
            throw new NotFoundException(nameof(Student), command.StudentId);

        var settings = await policies.EffectiveSettingsAsync(cancellationToken);
        group.SetPreferences(command.StudentId, command.RankedMentorIds, settings.MaxPreferences);
        return command.RankedMentorIds;
    }
}

public sealed class SetStudentPreferencesValidator : AbstractValidator<SetStudentPreferencesCommand>
{
    public SetStudentPreferencesValidator() => RuleFor(x => x.RankedMentorIds).NotNull();
}
