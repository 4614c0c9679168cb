using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Webhooks;

/// <summary>The events a school's webhooks may subscribe to, as API.md names them.</summary>
public static class WebhookEvents
{
    public const string ReminderCreated = "reminder.created";
    public const string MentorGroupPublished = "mentorGroup.published";
    public const string AssignmentChanged = "assignment.changed";
    public const string ActivityRecorded = "activity.recorded";
    public const string StudentLeft = "student.left";

    public static readonly IReadOnlyList<string> All = [ReminderCreated, MentorGroupPublished, AssignmentChanged, ActivityRecorded, StudentLeft];
}

/// <summary>
/// A school's webhook: events of the chosen types are posted to the URL, signed with the secret. The secret is kept only
/// in protected (encrypted) form and never shown again.
/// </summary>
public sealed class WebhookSubscription : Entity, ITenantOwned
{
    public const int MaxUrlLength = 2000;

    /// <summary>The most webhooks a school keeps at once: every event is posted to each, so a runaway script cannot multiply the deliveries.</summary>
    public const int MaxPerSchool = 10;

    private WebhookSubscription(Guid id) : base(id) { }

    public WebhookSubscription(Uri url, IReadOnlyCollection<string> events, string protectedSecret, DateTimeOffset createdAt, Guid? createdBy)
    {
        var unknown = events.Where(e => !WebhookEvents.All.Contains(e)).ToList();
        if (events.Count == 0 || unknown.Count > 0) throw new ArgumentException($"Unknown or no webhook events: {string.Join(", ", unknown)}", nameof(events));
        if (url.Scheme is not ("http" or "https")) throw new ArgumentException("Webhooks post to http or https URLs only.", nameof(url));
        Url = url.AbsoluteUri;
        Events = string.Join(',', events.Distinct());
        ProtectedSecret = protectedSecret;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
    }

    public string Url { get; private set; } = null!;

    /// <summary>The subscribed event types, comma-separated.</summary>
    public string Events { get; private set; } = null!;

    /// <summary>The signing secret, encrypted by the platform's data-protection keys.</summary>
    public string ProtectedSecret { get; private set; } = null!;

    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? CreatedBy { get; private set; }

    /// <summary>Removed webhooks keep their delivery log but no secret, and receive nothing more.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }

    public void Delete(DateTimeOffset at)
    {
        DeletedAt ??= at;
        ProtectedSecret = "";
    }

    public IReadOnlyList<string> EventList => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string eventType) => EventList.Contains(eventType);
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>
/// One event for one webhook. It keeps its id across every attempt (receivers drop duplicates by it) and exists once per
/// outbox message and webhook, so a rerun of the dispatcher never posts a delivered event again.
/// </summary>
public sealed class WebhookDelivery : Entity, ITenantOwned
{
    private WebhookDelivery(Guid id) : base(id) { }

    public WebhookDelivery(Guid subscriptionId, Guid outboxMessageId, string eventType, DateTimeOffset createdAt)
    {
        SubscriptionId = subscriptionId;
        OutboxMessageId = outboxMessageId;
        EventType = eventType;
        CreatedAt = createdAt;
    }

    public Guid SubscriptionId { get; private set; }
    public Guid OutboxMessageId { get; private set; }
    public string EventType { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }

    public void Succeeded(int attempts, DateTimeOffset at)
    {
        Attempts += attempts;
        Status = WebhookDeliveryStatus.Delivered;
        DeliveredAt = at;
    }

    public void Failed(int attempts)
    {
        Attempts += attempts;
        Status = WebhookDeliveryStatus.Failed;
    }
}

/// <summary>One HTTP attempt of a delivery: when, the receiver's status code or the error.</summary>
public sealed class WebhookDeliveryAttempt : Entity, ITenantOwned, IAppendOnly
{
    public const int MaxErrorLength = 500;

    private WebhookDeliveryAttempt(Guid id) : base(id) { }

    public WebhookDeliveryAttempt(Guid deliveryId, DateTimeOffset at, int? statusCode, string? error, int durationMs)
    {
        DeliveryId = deliveryId;
        At = at;
        StatusCode = statusCode;
        Error = error is { Length: > MaxErrorLength } e ? e[..MaxErrorLength] : error;
        DurationMs = durationMs;
    }

    public Guid DeliveryId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int? StatusCode { get; private set; }
    public string? Error { get; private set; }
    public int DurationMs { get; private set; }
}
