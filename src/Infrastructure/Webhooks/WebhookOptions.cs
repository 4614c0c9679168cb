namespace MentorCloud.Infrastructure.Webhooks;

/// <summary>Posting webhooks: <c>Webhooks:*</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Host names that may receive webhooks although they resolve to private, loopback or link-local addresses (an on-premises receiver, tests).</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Retries of one delivery within a dispatch, with exponential backoff and jitter, after the first attempt.</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; later ones double.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Allows(string host) => AllowedHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase));
}
