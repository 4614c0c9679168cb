using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.Common.Behaviours;

/// <summary>School requests never run without a tenant (fail closed).</summary>
public sealed class TenantRequiredBehaviour<TMessage, TResponse>(ITenantContext tenant)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is ISchoolRequest && tenant.Current is null)
            throw new TenantRequiredException();
        return next(message, cancellationToken);
    }
}
