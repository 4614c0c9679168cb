using System.Globalization;
using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.UnitTests;

public sealed class EntityTests
{
    private sealed class TestAggregate : AggregateRoot
    {
        public TestAggregate() { }

        // How EF Core builds a stored one (EntityConstructionTests checks it binds this constructor).
        public TestAggregate(Guid id) : base(id) { }

        public void Happen(IDomainEvent domainEvent) => Raise(domainEvent);
    }

    private sealed record SomethingHappened(int Number) : DomainEvent<SomethingHappened>;

    [Fact]
    public void Entity_id_is_a_version_7_guid()
    {
        var entity = new TestAggregate();

        entity.Id.ShouldNotBe(Guid.Empty);
        entity.Id.Version.ShouldBe(7);
        (entity.Id.Variant & 0b1100).ShouldBe(0b1000); // RFC 9562 variant: 10xx
    }

    [Fact]
    public void New_entities_get_fresh_ids_and_a_stored_one_keeps_its_own()
    {
        var first = new TestAggregate();
        var second = new TestAggregate();
        second.Id.ShouldNotBe(first.Id);

        new TestAggregate(first.Id).Id.ShouldBe(first.Id);
    }

    [Fact]
    public void Entity_id_carries_its_creation_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var entity = new TestAggregate();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // The first 48 bits of a version-7 id are the Unix time in milliseconds.
        var stamped = long.Parse(entity.Id.ToString("N")[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        stamped.ShouldBeInRange(before, after);
    }

    [Fact]
    public void Entity_ids_increase_in_creation_order()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(new TestAggregate().Id);
            Thread.Sleep(2); // ids made within one millisecond are ordered only by random bits
        }

        ids.ShouldBeInOrder(SortDirection.Ascending);
        ids.Select(id => id.ToString()).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        ids.Distinct().Count().ShouldBe(ids.Count);
    }

    [Fact]
    public void Aggregate_starts_without_domain_events() =>
        new TestAggregate().DomainEvents.ShouldBeEmpty();

    [Fact]
    public void Aggregate_collects_raised_events_in_order()
    {
        var aggregate = new TestAggregate();

        aggregate.Happen(new SomethingHappened(1));
        aggregate.Happen(new SomethingHappened(2));

        aggregate.DomainEvents.ShouldBe([new SomethingHappened(1), new SomethingHappened(2)]);
    }

    [Fact]
    public void Aggregate_clears_its_domain_events()
    {
        var aggregate = new TestAggregate();
        aggregate.Happen(new SomethingHappened(1));

        aggregate.ClearDomainEvents();

        aggregate.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void Aggregate_domain_events_cannot_be_changed_from_outside()
    {
        var aggregate = new TestAggregate();
        aggregate.Happen(new SomethingHappened(1));

        var events = aggregate.DomainEvents.ShouldBeAssignableTo<ICollection<IDomainEvent>>()!;

        events.IsReadOnly.ShouldBeTrue();
        Should.Throw<NotSupportedException>(() => events.Add(new SomethingHappened(2)));
        aggregate.DomainEvents.Count.ShouldBe(1);
    }
}
