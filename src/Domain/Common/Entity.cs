namespace MentorCloud.Domain.Common;

/// <summary>An object with identity. Ids are GUID v7 so they sort by creation and index well.</summary>
public abstract class Entity
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();
}

/// <summary>A consistency boundary; collects domain events that are dispatched after the transaction commits.</summary>
public abstract class AggregateRoot : Entity
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public IReadOnlyCollection<IDomainEvent> DomainEvents => _domainEvents.AsReadOnly();

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();
}

/// <summary>Something that happened in the domain that other parts may react to.</summary>
public interface IDomainEvent;
