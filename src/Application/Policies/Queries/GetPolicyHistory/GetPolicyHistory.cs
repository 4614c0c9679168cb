using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Policies.Queries.GetPolicyHistory;

/// <summary>Every version of the school's policy, newest first (R14).</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record GetPolicyHistoryQuery : IQuery<IReadOnlyList<SchoolPolicyVersionDto>>, ISchoolRequest;

public sealed class GetPolicyHistoryHandler(IApplicationDbContext db) : IQueryHandler<GetPolicyHistoryQuery, IReadOnlyList<SchoolPolicyVersionDto>>
{
    public async ValueTask<IReadOnlyList<SchoolPolicyVersionDto>> Handle(GetPolicyHistoryQuery query, CancellationToken cancellationToken)
    {
        var versions = await db.SchoolPolicies.AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
        return versions.Select(p => new SchoolPolicyVersionDto(p.Version, p.EffectiveFrom, p.ChangedBy, p.Settings.ToDto(p.Version, p.EffectiveFrom))).ToList();
    }
}
