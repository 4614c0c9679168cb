using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.Events;

/// <summary>Hands an event to the scope's handlers of its type, one after another (they share the scope's context).</summary>
public sealed class DomainEventDispatcher(IServiceProvider services) : IDomainEventDispatcher
{
    public async ValueTask DispatchAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken) where TEvent : IDomainEvent
    {
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
            await handler.Handle(domainEvent, cancellationToken);
    }
}

/// <summary>The facts a use case raised without an aggregate, until the unit of work takes them.</summary>
public sealed class DomainEventQueue : IDomainEventQueue
{
    private readonly List<IDomainEvent> _events = [];

    public void Raise(IDomainEvent domainEvent) => _events.Add(domainEvent);

    public List<IDomainEvent> TakeAll()
    {
        var taken = _events.ToList();
        _events.Clear();
        return taken;
    }
}
