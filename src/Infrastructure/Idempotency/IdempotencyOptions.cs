namespace MentorCloud.Infrastructure.Idempotency;

/// <summary>How long keys are remembered, and how long a running first request holds its key.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>A key is remembered this long after its first use (24 hours).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A first request that has not finished after this long is taken to have crashed; a retry takes its key over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
}
