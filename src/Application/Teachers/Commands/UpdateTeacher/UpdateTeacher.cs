using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Teachers;

namespace MentorCloud.Application.Teachers.Commands.UpdateTeacher;

[RequiresRole(Roles.SchoolAdmin)]
public sealed record UpdateTeacherCommand(Guid Id, string Name, IReadOnlyList<string>? Subjects) : ICommand<TeacherDto>, ISchoolRequest;

public sealed class UpdateTeacherHandler(IApplicationDbContext db) : ICommandHandler<UpdateTeacherCommand, TeacherDto>
{
    public async ValueTask<TeacherDto> Handle(UpdateTeacherCommand command, CancellationToken cancellationToken)
    {
        var teacher = await db.Teachers.GetAsync(command.Id, cancellationToken);
        teacher.Update(command.Name, command.Subjects ?? []);
        return teacher.ToDto();
    }
}
