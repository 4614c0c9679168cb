using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.MentorGroups;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups.Commands.CreateMentorGroup;

/// <summary>Forms the class mentor group (班级导师团) for a semester: the class's head teacher or a school admin; one per class and semester.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record CreateMentorGroupCommand(Guid ClassId, Guid SemesterId, IReadOnlyList<Guid>? MentorIds) : ICommand<MentorGroupDto>, ISchoolRequest;

public sealed class CreateMentorGroupHandler(IApplicationDbContext db, AccessPolicy access, MentorGroupService groups, TimeProvider clock)
    : ICommandHandler<CreateMentorGroupCommand, MentorGroupDto>
{
    public async ValueTask<MentorGroupDto> Handle(CreateMentorGroupCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Classes.AnyAsync(c => c.Id == command.ClassId, cancellationToken)) throw new NotFoundException("Class", command.ClassId);
        await access.DemandAdminOrHeadTeacherOfAsync(command.ClassId, "Class", command.ClassId, cancellationToken);
        if (!await db.Semesters.AnyAsync(s => s.Id == command.SemesterId, cancellationToken))
            throw ValidationException.For("semesterId", new("该学期不存在。", "Unknown semester."));
        if (await db.MentorGroups.AnyAsync(g => g.ClassId == command.ClassId && g.SemesterId == command.SemesterId, cancellationToken))
            throw new ConflictException(new("该班级本学期已有导师团。", "The class already has a mentor group this semester."));

        var mentorIds = (command.MentorIds ?? []).Distinct().ToList();
        await groups.EnsureActiveTeachersAsync(mentorIds, "mentorIds", cancellationToken);
        var group = new MentorGroup(command.ClassId, command.SemesterId, mentorIds, clock.GetUtcNow());
        db.MentorGroups.Add(group);
        return await groups.ToDtoAsync(group, cancellationToken);
    }
}
