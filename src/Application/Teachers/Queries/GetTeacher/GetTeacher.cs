using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Teachers.Queries.GetTeacher;

[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetTeacherQuery(Guid Id) : IQuery<TeacherDto>, ISchoolRequest;

public sealed class GetTeacherHandler(IApplicationDbContext db) : IQueryHandler<GetTeacherQuery, TeacherDto>
{
    public async ValueTask<TeacherDto> Handle(GetTeacherQuery query, CancellationToken cancellationToken) =>
        await db.Teachers.Where(t => t.Id == query.Id).ProjectToDto().SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(nameof(Teacher), query.Id);
}
