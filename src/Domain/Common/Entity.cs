namespace MentorCloud.Domain.Common;

/// <summary>An object with identity. Ids are GUID v7 so they sort by creation and index well.</summary>
public abstract class Entity
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();
}

/// <summary>A consistency boundary; collects the facts (domain events) its changes raise.</summary>
public abstract class AggregateRoot : Entity
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public IReadOnlyCollection<IDomainEvent> DomainEvents => _domainEvents.AsReadOnly();

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();
}

/// <summary>
/// A record its writers change only by naming the version they read (an ETag): a write based on an older version is
/// refused rather than merged. The version is the concurrency token.
/// </summary>
public interface IVersioned
{
    int Version { get; }
}
