using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Classes;

namespace MentorCloud.Application.Classes.Commands.UpdateClass;

[RequiresRole(Roles.SchoolAdmin)]
public sealed record UpdateClassCommand(Guid Id, string Name, int Grade, Guid HeadTeacherId) : ICommand<ClassDto>, ISchoolRequest;

public sealed class UpdateClassHandler(IApplicationDbContext db) : ICommandHandler<UpdateClassCommand, ClassDto>
{
    public async ValueTask<ClassDto> Handle(UpdateClassCommand command, CancellationToken cancellationToken)
    {
        var schoolClass = await db.Classes.GetAsync(command.Id, cancellationToken);
        await db.EnsureHeadTeacherAsync(command.HeadTeacherId, schoolClass.SchoolYear, schoolClass.Id, cancellationToken);
        await db.EnsureUniqueNameAsync(command.Name, schoolClass.SchoolYear, schoolClass.Id, cancellationToken);
        schoolClass.Update(command.Name, command.Grade, command.HeadTeacherId);
        return schoolClass.ToDto();
    }
}
