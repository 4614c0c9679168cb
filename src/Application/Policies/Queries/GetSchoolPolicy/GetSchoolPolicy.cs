using Mediator;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.Policies.Queries.GetSchoolPolicy;

/// <summary>The policy in force (R14): the specification's defaults until the school changes it.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student, Roles.Guardian)]
public sealed record GetSchoolPolicyQuery : IQuery<SchoolPolicyDto>, ISchoolRequest;

public sealed class GetSchoolPolicyHandler(PolicyReader policies) : IQueryHandler<GetSchoolPolicyQuery, SchoolPolicyDto>
{
    public async ValueTask<SchoolPolicyDto> Handle(GetSchoolPolicyQuery query, CancellationToken cancellationToken)
    {
        var current = await policies.CurrentAsync(cancellationToken);
        var limits = await policies.LimitsAsync(cancellationToken);
        return current.Settings.ClampTo(limits).ToDto(current.Version, current.EffectiveFrom);
    }
}
