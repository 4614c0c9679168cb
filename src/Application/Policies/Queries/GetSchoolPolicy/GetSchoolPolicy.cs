using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Policies.Queries.GetSchoolPolicy;

/// <summary>The school's policy; the specification's defaults until the school changes it.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student, Roles.Guardian)]
public sealed record GetSchoolPolicyQuery : IQuery<SchoolPolicyDto>, ISchoolRequest;

public sealed class GetSchoolPolicyHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<GetSchoolPolicyQuery, SchoolPolicyDto>
{
    public async ValueTask<SchoolPolicyDto> Handle(GetSchoolPolicyQuery query, CancellationToken cancellationToken)
    {
        var policy = await db.SchoolPolicies.AsNoTracking().SingleOrDefaultAsync(cancellationToken)
                     ?? SchoolPolicy.CreateDefault(clock.GetUtcNow());
        return policy.ToDto();
    }
}
