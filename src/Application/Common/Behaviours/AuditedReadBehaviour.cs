using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;

namespace MentorCloud.Application.Common.Behaviours;

/// <summary>
/// A query whose reading is itself a fact to record (an archive read, R8): its events become audit rows that are
/// committed after the handler, and nothing else the query touched may be saved with them. A read refused as "not
/// found" is recorded too: an outsider's attempt is what the log is for.
/// </summary>
public interface IAuditedRead;

public sealed class AuditedReadBehaviour<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseQuery, IAuditedRead
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
        }
        catch (NotFoundException)
        {
            await unitOfWork.SaveRecordsOnlyAsync(cancellationToken);
            throw;
        }
        await unitOfWork.SaveRecordsOnlyAsync(cancellationToken);
        return response;
    }
}
