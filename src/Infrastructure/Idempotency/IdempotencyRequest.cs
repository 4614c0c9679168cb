using MentorCloud.Domain.Common;

namespace MentorCloud.Infrastructure.Idempotency;

/// <summary>
/// One caller's <c>Idempotency-Key</c> in one school: which request it was first used for (its name and a hash of its
/// body), whether that request finished, and its answer. Kept for <see cref="IdempotencyOptions.Retention"/>.
/// </summary>
public sealed class IdempotencyRequest : Entity, ITenantOwned
{
    private IdempotencyRequest(Guid id) : base(id) { }

    public IdempotencyRequest(Guid userId, string key, string requestName, string requestHash, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        UserId = userId;
        Key = key;
        RequestName = requestName;
        RequestHash = requestHash;
        CreatedAt = now;
        LeaseUntil = leaseUntil;
    }

    /// <summary>A reservation already saved, known by its id only, to be completed without reading it back.</summary>
    public static IdempotencyRequest Reserved(Guid id) => new(id);

    public Guid UserId { get; private set; }
    public string Key { get; private set; } = null!;
    public string RequestName { get; private set; } = null!;

    /// <summary>SHA-256 (hex) of the request's body and route values.</summary>
    public string RequestHash { get; private set; } = null!;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Until when the first request holds the key; a retry after it takes the key over (the first one crashed).</summary>
    public DateTimeOffset LeaseUntil { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The first answer, as JSON; null while the first request runs.</summary>
    public string? Response { get; private set; }

    public bool IsFor(string requestName, string requestHash) => RequestName == requestName && RequestHash == requestHash;

    public void Complete(string response, DateTimeOffset now)
    {
        Response = response;
        CompletedAt = now;
    }
}
