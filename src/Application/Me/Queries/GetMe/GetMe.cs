using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;

namespace MentorCloud.Application.Me.Queries.GetMe;

/// <summary>The caller's own account.</summary>
[AnyAuthenticatedUser]
public sealed record GetMeQuery : IQuery<UserProfile>;

public sealed class GetMeHandler(ICurrentUser user, IIdentityService identity) : IQueryHandler<GetMeQuery, UserProfile>
{
    public async ValueTask<UserProfile> Handle(GetMeQuery query, CancellationToken cancellationToken)
    {
        var userId = user.UserId ?? throw new NotFoundException("User", "me");
        return await identity.FindProfileAsync(userId, cancellationToken) ?? throw new NotFoundException("User", userId);
    }
}
