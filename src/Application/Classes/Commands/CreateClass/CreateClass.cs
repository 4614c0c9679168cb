using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Classes;

namespace MentorCloud.Application.Classes.Commands.CreateClass;

/// <summary>Adds a class headed by an active teacher; <c>schoolYear</c> defaults to the current one.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record CreateClassCommand(string Name, int Grade, Guid HeadTeacherId, int? SchoolYear = null) : ICommand<ClassDto>, ISchoolRequest;

public sealed class CreateClassHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<CreateClassCommand, ClassDto>
{
    public async ValueTask<ClassDto> Handle(CreateClassCommand command, CancellationToken cancellationToken)
    {
        var schoolYear = command.SchoolYear ?? SchoolClass.SchoolYearOf(clock.Today());
        await db.EnsureHeadTeacherAsync(command.HeadTeacherId, schoolYear, null, cancellationToken);
        await db.EnsureUniqueNameAsync(command.Name, schoolYear, null, cancellationToken);
        var schoolClass = new SchoolClass(command.Name, command.Grade, schoolYear, command.HeadTeacherId);
        db.Classes.Add(schoolClass);
        return schoolClass.ToDto();
    }
}
