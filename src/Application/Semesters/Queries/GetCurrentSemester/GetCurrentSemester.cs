using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Semesters.Queries.GetCurrentSemester;

/// <summary>The semester that contains today (China Standard Time); 404 between semesters.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student, Roles.Guardian)]
public sealed record GetCurrentSemesterQuery : IQuery<SemesterDto>, ISchoolRequest;

public sealed class GetCurrentSemesterHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<GetCurrentSemesterQuery, SemesterDto>
{
    public async ValueTask<SemesterDto> Handle(GetCurrentSemesterQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        return await db.Semesters.InForceOn(today).ProjectToDto().FirstOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException("Semester", "current");
    }
}
