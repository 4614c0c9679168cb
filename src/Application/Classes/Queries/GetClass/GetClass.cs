using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Classes.Queries.GetClass;

[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetClassQuery(Guid Id) : IQuery<ClassDto>, ISchoolRequest;

public sealed class GetClassHandler(IApplicationDbContext db) : IQueryHandler<GetClassQuery, ClassDto>
{
    public async ValueTask<ClassDto> Handle(GetClassQuery query, CancellationToken cancellationToken) =>
        await db.Classes.Where(c => c.Id == query.Id).ProjectToDto().SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Class", query.Id);
}
