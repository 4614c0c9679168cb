using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Students.Queries.GetStudent;

[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetStudentQuery(Guid Id) : IQuery<StudentDto>, ISchoolRequest;

public sealed class GetStudentHandler(IApplicationDbContext db, AccessPolicy access) : IQueryHandler<GetStudentQuery, StudentDto>
{
    public async ValueTask<StudentDto> Handle(GetStudentQuery query, CancellationToken cancellationToken)
    {
        var student = await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.Id, cancellationToken)
                      ?? throw new NotFoundException(nameof(Student), query.Id);
        await access.DemandAdminOrHeadTeacherOfAsync(student.ClassId, nameof(Student), student.Id, cancellationToken);
        return student.ToDto();
    }
}
