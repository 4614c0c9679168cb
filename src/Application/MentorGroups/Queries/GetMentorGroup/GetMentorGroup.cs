using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.MentorGroups;

namespace MentorCloud.Application.MentorGroups.Queries.GetMentorGroup;

/// <summary>A group with its mentors' loads and room (R3), students with flags (R5), preferences and assignments: group members and school admins.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetMentorGroupQuery(Guid Id) : IQuery<MentorGroupDto>, ISchoolRequest;

public sealed class GetMentorGroupHandler(MentorGroupService groups) : IQueryHandler<GetMentorGroupQuery, MentorGroupDto>
{
    public async ValueTask<MentorGroupDto> Handle(GetMentorGroupQuery query, CancellationToken cancellationToken)
    {
        var group = await groups.ReadAsync(query.Id, cancellationToken);
        if (!await groups.IsMemberAsync(group, cancellationToken)) throw new NotFoundException(nameof(MentorGroup), query.Id);
        return await groups.ToDtoAsync(group, cancellationToken);
    }
}
