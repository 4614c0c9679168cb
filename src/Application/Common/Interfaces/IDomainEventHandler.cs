using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Common.Interfaces;

/// <summary>
/// Turns a fact into the rows that must commit with it (audit entries, freed places, outbox messages). It runs in
/// the unit of work before the save, one handler at a time on the request's context: it changes tracked entities
/// only, never saves and never calls out. Events its changes raise are dispatched in the same unit of work.
/// </summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    ValueTask Handle(TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>Facts a use case states that no aggregate raises (a roster import as a whole); they are dispatched with the aggregates' events.</summary>
public interface IDomainEventQueue
{
    void Raise(IDomainEvent domainEvent);
}
