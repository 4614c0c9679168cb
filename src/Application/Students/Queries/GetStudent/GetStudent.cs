using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.Students.Queries.GetStudent;

/// <summary>One student: school admins, the class's head teacher and the student's mentors in force (R16).</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetStudentQuery(Guid Id) : IQuery<StudentDto>, ISchoolRequest;

public sealed class GetStudentHandler(AccessPolicy access) : IQueryHandler<GetStudentQuery, StudentDto>
{
    public async ValueTask<StudentDto> Handle(GetStudentQuery query, CancellationToken cancellationToken)
    {
        var student = await access.FindStudentInReachAsync(query.Id, cancellationToken)
                      ?? throw new NotFoundException(nameof(Student), query.Id);
        return student.ToDto();
    }
}
