using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Schools.Commands.OnboardSchool;

/// <summary>
/// Onboards a school (tenant) into a district with its first school administrator, optionally in a dedicated database on a
/// server the operator configured (<paramref name="DatabaseServer"/> is its name, never a connection string).
/// </summary>
[RequiresRole(Roles.DistrictAdmin)]
public sealed record OnboardSchoolCommand(string DistrictCode, string Code, string Name, NewAdmin Admin, string? DatabaseServer)
    : ICommand<SchoolDto>;

public sealed class OnboardSchoolHandler(
    ICatalogDbContext catalog, IIdentityService identity, ITenantProvisioner provisioner, IDatabaseServers servers, ICurrentUser user,
    TimeProvider clock)
    : ICommandHandler<OnboardSchoolCommand, SchoolDto>
{
    public async ValueTask<SchoolDto> Handle(OnboardSchoolCommand command, CancellationToken cancellationToken)
    {
        user.DemandDistrict(command.DistrictCode);
        var district = await catalog.Districts.SingleOrDefaultAsync(d => d.Code == command.DistrictCode, cancellationToken)
                       ?? throw new NotFoundException("District", command.DistrictCode);
        if (await catalog.Schools.AnyAsync(s => s.Code == command.Code, cancellationToken))
            throw new ConflictException(Messages.DuplicateSchool(command.Code));
        if (await identity.UsernameExistsAsync(command.Admin.Username, cancellationToken))
            throw new ConflictException(Messages.DuplicateUsername(command.Admin.Username));

        var connectionString = command.DatabaseServer is { } server
            ? servers.ConnectionStringFor(server, DedicatedDatabase.NameFor(command.Code))
              ?? throw new RuleViolationException("Tenancy", Messages.UnknownDatabaseServer(server), new { databaseServer = server })
            : null;
        var school = new School(district.Id, command.Code, command.Name, connectionString, clock.GetUtcNow());
        catalog.Schools.Add(school);
        identity.CreateUser(new NewUser(command.Admin.Username, command.Admin.Password, command.Admin.DisplayName,
            [Roles.SchoolAdmin], DistrictCode: district.Code, SchoolCode: school.Code));

        // The school's storage is ready before the catalog names it, so no request can reach a half-made tenant.
        await provisioner.ProvisionAsync(TenantInfo.For(school, district), cancellationToken);
        return school.ToDto(district.Code);
    }
}
