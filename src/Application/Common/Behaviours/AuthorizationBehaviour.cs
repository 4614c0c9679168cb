using System.Reflection;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;

namespace MentorCloud.Application.Common.Behaviours;

/// <summary>
/// Enforces the role a request declares with <see cref="RequiresRoleAttribute"/>; a request that declares
/// nothing is refused, so forgetting the attribute can never open an endpoint.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly RequestAccess Access = RequestAccess.Of(typeof(TMessage));

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Access.Anonymous) return next(message, cancellationToken);
        if (!user.IsAuthenticated) throw new ForbiddenAccessException();
        if (Access.Roles is { } roles && !roles.Any(user.IsInRole)) throw new ForbiddenAccessException();
        return next(message, cancellationToken);
    }
}

/// <summary>What a request type declares about who may send it.</summary>
public sealed record RequestAccess(bool Anonymous, IReadOnlyList<string>? Roles)
{
    public static RequestAccess Of(Type requestType)
    {
        if (requestType.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null) return new(true, null);
        if (requestType.GetCustomAttribute<AnyAuthenticatedUserAttribute>() is not null) return new(false, null);
        if (requestType.GetCustomAttribute<RequiresRoleAttribute>() is { } required) return new(false, required.Roles);
        return new(false, []);
    }
}
