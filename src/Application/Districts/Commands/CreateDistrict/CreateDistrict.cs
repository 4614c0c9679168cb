using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Districts;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Districts.Commands.CreateDistrict;

/// <summary>Creates a district (区教育局) and its first district administrator.</summary>
[RequiresRole(Roles.PlatformAdmin)]
public sealed record CreateDistrictCommand(string Code, string Name, NewAdmin Admin) : ICommand<DistrictDto>;

public sealed class CreateDistrictHandler(ICatalogDbContext catalog, IIdentityService identity, TimeProvider clock)
    : ICommandHandler<CreateDistrictCommand, DistrictDto>
{
    public async ValueTask<DistrictDto> Handle(CreateDistrictCommand command, CancellationToken cancellationToken)
    {
        if (await catalog.Districts.AnyAsync(d => d.Code == command.Code, cancellationToken))
            throw new ConflictException(Messages.DuplicateDistrict(command.Code));
        if (await identity.UsernameExistsAsync(command.Admin.Username, cancellationToken))
            throw new ConflictException(Messages.DuplicateUsername(command.Admin.Username));

        var district = new District(command.Code, command.Name, clock.GetUtcNow());
        catalog.Districts.Add(district);
        identity.CreateUser(new NewUser(command.Admin.Username, command.Admin.Password, command.Admin.DisplayName,
            [Roles.DistrictAdmin], DistrictCode: district.Code));
        return district.ToDto();
    }
}
