using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;
using ValidationException = MentorCloud.Application.Common.Exceptions.ValidationException;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.MentorGroups;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups.Commands.SetMentorWelcomes;

/// <summary>A mentor marks the students they welcome (R4); only that mentor, for themself.</summary>
[RequiresRole(Roles.Teacher)]
public sealed record SetMentorWelcomesCommand(Guid GroupId, Guid TeacherId, IReadOnlyList<Guid> WelcomedStudentIds) : ICommand<IReadOnlyList<Guid>>, ISchoolRequest;

public sealed class SetMentorWelcomesHandler(IApplicationDbContext db, ICurrentUser user, MentorGroupService groups)
    : ICommandHandler<SetMentorWelcomesCommand, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(SetMentorWelcomesCommand command, CancellationToken cancellationToken)
    {
        var group = await groups.LoadAsync(command.GroupId, cancellationToken);
        // Another mentor's welcomes are out of reach even for a fellow mentor of the group.
        if (!group.HasMentor(command.TeacherId) || user.TeacherId != command.TeacherId)
            throw new NotFoundException(nameof(MentorGroup), command.GroupId);

        var ids = command.WelcomedStudentIds.Distinct().ToList();
        var inClass = await db.Students.CountAsync(s => ids.Contains(s.Id) && s.ClassId == group.ClassId && s.IsActive, cancellationToken);
        if (inClass != ids.Count) throw ValidationException.For("welcomedStudentIds", new("愿意接收的学生须为本班在读学生。", "Every welcomed student must be an active student of the class."));
        group.SetWelcomed(command.TeacherId, ids);
        return ids;
    }
}

public sealed class SetMentorWelcomesValidator : AbstractValidator<SetMentorWelcomesCommand>
{
    public SetMentorWelcomesValidator() => RuleFor(x => x.WelcomedStudentIds).NotNull().Must(ids => ids is null || ids.Count <= 200).WithMessage(Messages.AtMostEntries(200));
}
