using MentorCloud.Domain.Common;

namespace MentorCloud.Infrastructure.Events;

/// <summary>
/// A fact the outside world may hear of (a webhook, a notification), written in the transaction of the change that
/// caused it and delivered later by a job. The payload names ids only, never a child's personal data.
/// </summary>
public sealed class OutboxMessage : Entity, ITenantOwned
{
    private OutboxMessage(Guid id) : base(id) { }

    public OutboxMessage(string type, string payload, DateTimeOffset occurredAt)
    {
        Type = type;
        Payload = payload;
        OccurredAt = occurredAt;
        AvailableAt = occurredAt;
    }

    /// <summary>The event type as subscribers name it, e.g. <c>mentorGroup.published</c>.</summary>
    public string Type { get; private set; } = null!;

    /// <summary>JSON: the event's data.</summary>
    public string Payload { get; private set; } = null!;

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>Not delivered before this time (backoff after a failed attempt).</summary>
    public DateTimeOffset AvailableAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>The worker that claimed the message, and until when its claim holds.</summary>
    public string? LockedBy { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>Set when delivery gave up; a dead message can be redriven.</summary>
    public DateTimeOffset? DeadAt { get; private set; }
    public string? LastError { get; private set; }
}
