using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Common.Interfaces;

/// <summary>Reacts to a domain event once the transaction that raised it has committed.</summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    ValueTask Handle(TEvent domainEvent, CancellationToken cancellationToken);
}
