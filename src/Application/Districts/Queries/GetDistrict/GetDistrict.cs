using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Districts.Queries.GetDistrict;

[RequiresRole(Roles.PlatformAdmin, Roles.DistrictAdmin)]
public sealed record GetDistrictQuery(string DistrictCode) : IQuery<DistrictDto>;

public sealed class GetDistrictHandler(ICatalogDbContext catalog, ICurrentUser user) : IQueryHandler<GetDistrictQuery, DistrictDto>
{
    public async ValueTask<DistrictDto> Handle(GetDistrictQuery query, CancellationToken cancellationToken)
    {
        user.DemandDistrict(query.DistrictCode);
        return await catalog.Districts.Where(d => d.Code == query.DistrictCode).ProjectToDto().SingleOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException("District", query.DistrictCode);
    }
}
