using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Schools.Queries.GetSchools;

[RequiresRole(Roles.DistrictAdmin)]
public sealed record GetSchoolsQuery(string DistrictCode, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<SchoolDto>>, IPaged;

public sealed class GetSchoolsHandler(ICatalogDbContext catalog, ITenantAvailability availability, ICurrentUser user) : IQueryHandler<GetSchoolsQuery, PagedList<SchoolDto>>
{
    public async ValueTask<PagedList<SchoolDto>> Handle(GetSchoolsQuery query, CancellationToken cancellationToken)
    {
        user.DemandDistrict(query.DistrictCode);
        var districtId = await catalog.Districts.Where(d => d.Code == query.DistrictCode).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("District", query.DistrictCode);
        var schools = catalog.Schools.Where(s => s.DistrictId == districtId).OrderBy(s => s.Code).ProjectToDto(query.DistrictCode);
        var page = await PagedList<SchoolDto>.CreateAsync(schools, query, cancellationToken);
        return page with
        {
            Items = page.Items.Select(s => availability.IsAvailable(s.Id) ? s : s with { Status = SchoolStatus.Unavailable }).ToList(),
        };
    }
}

public sealed class GetSchoolsValidator : AbstractValidator<GetSchoolsQuery>
{
    public GetSchoolsValidator() => this.AddPagingRules();
}
