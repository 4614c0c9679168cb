using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Common;
using Microsoft.Extensions.Logging;

namespace MentorCloud.Application.Common.Behaviours;

/// <summary>
/// Logs failures that are not an expected refusal (validation, not found, domain rules) with the message name. A database
/// already known not to answer (<see cref="DatabaseUnavailableException.KnownOutage"/>) was logged when its outage was
/// found, not again for every request it turns away.
/// </summary>
public sealed class UnhandledExceptionBehaviour<TMessage, TResponse>(ILogger<TMessage> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (!IsExpected(ex))
        {
            logger.LogError(ex, "Unhandled exception for request {RequestName}", typeof(TMessage).Name);
            throw;
        }
    }

    private static bool IsExpected(Exception ex) => ex is DomainException or ValidationException or NotFoundException
        or ForbiddenAccessException or AuthenticationFailedException or DatabaseUnavailableException { KnownOutage: true } or OperationCanceledException;
}
