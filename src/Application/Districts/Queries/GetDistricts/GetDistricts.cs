using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;

namespace MentorCloud.Application.Districts.Queries.GetDistricts;

[RequiresRole(Roles.PlatformAdmin)]
public sealed record GetDistrictsQuery(int Page = 1, int PageSize = IPaged.DefaultPageSize) : IQuery<PagedList<DistrictDto>>, IPaged;

public sealed class GetDistrictsHandler(ICatalogDbContext catalog) : IQueryHandler<GetDistrictsQuery, PagedList<DistrictDto>>
{
    public async ValueTask<PagedList<DistrictDto>> Handle(GetDistrictsQuery query, CancellationToken cancellationToken) =>
        await PagedList<DistrictDto>.CreateAsync(catalog.Districts.OrderBy(d => d.Code).ProjectToDto(), query, cancellationToken);
}

public sealed class GetDistrictsValidator : AbstractValidator<GetDistrictsQuery>
{
    public GetDistrictsValidator() => this.AddPagingRules();
}
