using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Notifications;

/// <summary>
/// An in-app message to one user of the school (通知): a reminder, a change that concerns them. Its unique key names the
/// fact it announces (e.g. school, semester, milestone, recipient), so a rerun or a second job server never stores it twice.
/// </summary>
public sealed class Notification : Entity, ITenantOwned
{
    public const int MaxKindLength = 60;
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 4000;
    public const int MaxUniqueKeyLength = 200;

    private Notification(Guid id) : base(id) { }

    public Notification(Guid recipientId, string kind, string title, string? body, string? payload, DateTimeOffset createdAt, string uniqueKey)
    {
        if (recipientId == Guid.Empty) throw new ArgumentException("A notification has a recipient.", nameof(recipientId));
        if (string.IsNullOrWhiteSpace(uniqueKey) || uniqueKey.Length > MaxUniqueKeyLength)
            throw new ArgumentException($"A notification's unique key has 1–{MaxUniqueKeyLength} characters.", nameof(uniqueKey));
        RecipientId = recipientId;
        Kind = kind;
        Title = title.Length > MaxTitleLength ? title[..MaxTitleLength] : title;
        Body = body is { Length: > MaxBodyLength } ? body[..MaxBodyLength] : body;
        Payload = payload;
        CreatedAt = createdAt;
        UniqueKey = uniqueKey;
    }

    /// <summary>The user account the notification is for.</summary>
    public Guid RecipientId { get; private set; }

    /// <summary>What it announces, e.g. <c>reminder.semesterDeadline</c> or <c>assignment.changed</c>.</summary>
    public string Kind { get; private set; } = null!;

    public string Title { get; private set; } = null!;
    public string? Body { get; private set; }

    /// <summary>JSON with the ids a client needs to link to the subject (never a child's personal data beyond what the recipient may see).</summary>
    public string? Payload { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>Unique per school: the same fact never becomes two notifications.</summary>
    public string UniqueKey { get; private set; } = null!;

    /// <summary>Marks the notification read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}
