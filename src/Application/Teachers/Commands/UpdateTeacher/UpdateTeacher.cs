using Mediator;
using MentorCloud.Application.Classes;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Teachers;

namespace MentorCloud.Application.Teachers.Commands.UpdateTeacher;

[RequiresRole(Roles.SchoolAdmin)]
/// <summary>Corrects a teacher's name and subjects; <c>classIds</c>, when given, replaces the classes they teach.</summary>
public sealed record UpdateTeacherCommand(Guid Id, string Name, IReadOnlyList<string>? Subjects, IReadOnlyList<Guid>? ClassIds = null) : ICommand<TeacherDto>, ISchoolRequest;

public sealed class UpdateTeacherHandler(IApplicationDbContext db) : ICommandHandler<UpdateTeacherCommand, TeacherDto>
{
    public async ValueTask<TeacherDto> Handle(UpdateTeacherCommand command, CancellationToken cancellationToken)
    {
        var teacher = await db.Teachers.GetAsync(command.Id, cancellationToken);
        teacher.Update(command.Name, command.Subjects ?? []);
        if (command.ClassIds is { } classIds)
        {
            await db.EnsureClassesExistAsync(classIds, cancellationToken);
            teacher.SetClassesTaught(classIds);
        }
        return teacher.ToDto();
    }
}
