using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Districts.Statistics;

/// <summary>The district's latest rollup of a semester, named by its label (the most recent semester when none is named).</summary>
[RequiresRole(Roles.DistrictAdmin)]
public sealed record GetDistrictStatisticsQuery(string DistrictCode, string? Semester = null) : IQuery<DistrictStatisticsDto>;

public sealed class GetDistrictStatisticsHandler(ICatalogDbContext catalog, ICurrentUser user) : IQueryHandler<GetDistrictStatisticsQuery, DistrictStatisticsDto>
{
    public async ValueTask<DistrictStatisticsDto> Handle(GetDistrictStatisticsQuery query, CancellationToken cancellationToken)
    {
        var snapshots = await catalog.DistrictSnapshotsAsync(user, query.DistrictCode, cancellationToken);
        return DistrictStatisticsReport.Build(snapshots, query.Semester) ?? throw new NotFoundException("Semester", query.Semester!);
    }
}

public sealed class GetDistrictStatisticsValidator : AbstractValidator<GetDistrictStatisticsQuery>
{
    public GetDistrictStatisticsValidator()
    {
        RuleFor(q => q.DistrictCode).NotEmpty();
        RuleFor(q => q.Semester).NotEmpty().MaximumLength(100).When(q => q.Semester is not null);
    }
}

public static class DistrictSnapshots
{
    /// <summary>Every stored snapshot of the caller's district with its school's code and name; 404 for another district.</summary>
    public static async Task<List<SchoolSnapshot>> DistrictSnapshotsAsync(this ICatalogDbContext catalog, ICurrentUser user, string districtCode,
        CancellationToken cancellationToken)
    {
        user.DemandDistrict(districtCode);
        var districtId = await catalog.Districts.Where(d => d.Code == districtCode).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("District", districtCode);
        return await (from s in catalog.DistrictStatistics.AsNoTracking()
                      join school in catalog.Schools on s.SchoolId equals school.Id
                      where s.DistrictId == districtId
                      select new SchoolSnapshot(school.Code, school.Name, s)).ToListAsync(cancellationToken);
    }
}
