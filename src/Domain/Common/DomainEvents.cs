namespace MentorCloud.Domain.Common;

/// <summary>Something that happened in the domain; the unit of work turns it into the rows that must commit with it.</summary>
public interface IDomainEvent
{
    /// <summary>Hands the event to <paramref name="dispatcher"/> as its own type, so dispatch needs no reflection.</summary>
    ValueTask DispatchTo(IDomainEventDispatcher dispatcher, CancellationToken cancellationToken);
}

/// <summary>A domain event of type <typeparamref name="TSelf"/>; deriving from it is all an event needs to be dispatched.</summary>
public abstract record DomainEvent<TSelf> : IDomainEvent where TSelf : DomainEvent<TSelf>
{
    public ValueTask DispatchTo(IDomainEventDispatcher dispatcher, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync((TSelf)this, cancellationToken);
}

/// <summary>Delivers one event, by its static type, to the handlers of that type.</summary>
public interface IDomainEventDispatcher
{
    ValueTask DispatchAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken) where TEvent : IDomainEvent;
}
