namespace MentorCloud.Domain.Common;

/// <summary>An object with identity. Ids are GUID v7 so they sort by creation and index well.</summary>
public abstract class Entity
{
    /// <summary>A new entity, with a fresh id.</summary>
    protected Entity() => Id = Guid.CreateVersion7();

    /// <summary>
    /// A stored entity. EF Core materializes each entity through its private constructor that takes the stored id, so a
    /// row read does not draw a random id (a system call for its random bytes) only to overwrite it.
    /// </summary>
    protected Entity(Guid id) => Id = id;

    public Guid Id { get; protected init; }
}

/// <summary>A consistency boundary; collects the facts (domain events) its changes raise.</summary>
public abstract class AggregateRoot : Entity
{
    private readonly List<IDomainEvent> _domainEvents = [];

    protected AggregateRoot() { }

    protected AggregateRoot(Guid id) : base(id) { }

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
