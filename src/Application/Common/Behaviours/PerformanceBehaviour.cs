using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace MentorCloud.Application.Common.Behaviours;

/// <summary>Warns about requests slower than half a second, so slow paths show up in the logs.</summary>
public sealed class PerformanceBehaviour<TMessage, TResponse>(ILogger<TMessage> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private const long ThresholdMilliseconds = 500;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed.TotalMilliseconds > ThresholdMilliseconds)
            logger.LogWarning("Slow request {RequestName}: {ElapsedMilliseconds} ms", typeof(TMessage).Name, (long)elapsed.TotalMilliseconds);
        return response;
    }
}
