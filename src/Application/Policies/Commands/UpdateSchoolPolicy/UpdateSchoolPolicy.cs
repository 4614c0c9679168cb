using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Policies;

namespace MentorCloud.Application.Policies.Commands.UpdateSchoolPolicy;

/// <summary>Changes the school's policy within the district's ceilings (R3, R14); the change is a new, audited version.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record UpdateSchoolPolicyCommand(PolicySettings Settings) : ICommand<SchoolPolicyDto>, ISchoolRequest;

public sealed class UpdateSchoolPolicyHandler(IApplicationDbContext db, PolicyReader policies, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<UpdateSchoolPolicyCommand, SchoolPolicyDto>
{
    public async ValueTask<SchoolPolicyDto> Handle(UpdateSchoolPolicyCommand command, CancellationToken cancellationToken)
    {
        var current = await policies.CurrentAsync(cancellationToken);
        var next = current.Revise(command.Settings, await policies.LimitsAsync(cancellationToken), clock.GetUtcNow(), user.UserId);
        db.SchoolPolicies.Add(next);
        return next.Settings.ToDto(next.Version, next.EffectiveFrom);
    }
}
