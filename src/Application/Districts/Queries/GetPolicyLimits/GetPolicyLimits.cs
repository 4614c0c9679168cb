using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Districts.Queries.GetPolicyLimits;

[RequiresRole(Roles.DistrictAdmin)]
public sealed record GetPolicyLimitsQuery(string DistrictCode) : IQuery<PolicyLimitsDto>;

public sealed class GetPolicyLimitsHandler(ICatalogDbContext catalog, ICurrentUser user) : IQueryHandler<GetPolicyLimitsQuery, PolicyLimitsDto>
{
    public async ValueTask<PolicyLimitsDto> Handle(GetPolicyLimitsQuery query, CancellationToken cancellationToken)
    {
        user.DemandDistrict(query.DistrictCode);
        var district = await catalog.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Code == query.DistrictCode, cancellationToken)
                       ?? throw new NotFoundException("District", query.DistrictCode);
        return district.Limits.ToDto();
    }
}
