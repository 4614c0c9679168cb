using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Domain.Districts;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Districts.Commands.UpdatePolicyLimits;

/// <summary>Sets the ceilings that the district's schools cannot exceed (R3, R14).</summary>
[RequiresRole(Roles.DistrictAdmin)]
public sealed record UpdatePolicyLimitsCommand(string DistrictCode, int? MaxStudentsPerMentorCeiling, int? MaxMentorsPerStudentCeiling)
    : ICommand<PolicyLimitsDto>;

public sealed class UpdatePolicyLimitsHandler(ICatalogDbContext catalog, ICurrentUser user) : ICommandHandler<UpdatePolicyLimitsCommand, PolicyLimitsDto>
{
    public async ValueTask<PolicyLimitsDto> Handle(UpdatePolicyLimitsCommand command, CancellationToken cancellationToken)
    {
        user.DemandDistrict(command.DistrictCode);
        var district = await catalog.Districts.SingleOrDefaultAsync(d => d.Code == command.DistrictCode, cancellationToken)
                       ?? throw new NotFoundException("District", command.DistrictCode);
        district.SetLimits(PolicyLimits.Create(command.MaxStudentsPerMentorCeiling, command.MaxMentorsPerStudentCeiling));
        return district.Limits.ToDto();
    }
}
