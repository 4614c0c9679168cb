using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Districts.Statistics;

/// <summary>Enqueues the district's rollup now (the nightly job does the same for every district).</summary>
[RequiresRole(Roles.DistrictAdmin)]
public sealed record RefreshDistrictStatisticsCommand(string DistrictCode) : ICommand<RefreshJobDto>;

public sealed record RefreshJobDto(string JobId);

/// <summary>The background job engine as the district rollup needs it.</summary>
public interface IDistrictStatisticsJobs
{
    /// <summary>Enqueues the rollup of every school of the district; returns the job's id.</summary>
    string EnqueueRollup(string districtCode);
}

public sealed class RefreshDistrictStatisticsHandler(ICatalogDbContext catalog, ICurrentUser user, IDistrictStatisticsJobs jobs)
    : ICommandHandler<RefreshDistrictStatisticsCommand, RefreshJobDto>
{
    public async ValueTask<RefreshJobDto> Handle(RefreshDistrictStatisticsCommand command, CancellationToken cancellationToken)
    {
        user.DemandDistrict(command.DistrictCode);
        if (!await catalog.Districts.AnyAsync(d => d.Code == command.DistrictCode, cancellationToken))
            throw new NotFoundException("District", command.DistrictCode);
        return new RefreshJobDto(jobs.EnqueueRollup(command.DistrictCode));
    }
}

public sealed class RefreshDistrictStatisticsValidator : AbstractValidator<RefreshDistrictStatisticsCommand>
{
    public RefreshDistrictStatisticsValidator() => RuleFor(c => c.DistrictCode).NotEmpty();
}
