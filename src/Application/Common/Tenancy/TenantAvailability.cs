namespace MentorCloud.Application.Common.Tenancy;

/// <summary>Whether a school's dedicated database answers; a school whose database does not is served 503 until it does.</summary>
public interface ITenantAvailability
{
    bool IsAvailable(Guid tenantId);
}

/// <summary>A database the request needs does not answer now: 503 with <c>Retry-After</c>.</summary>
public sealed class DatabaseUnavailableException : Exception
{
    /// <summary>The request failed on the database (<paramref name="failure"/>), which was then found not to answer.</summary>
    public DatabaseUnavailableException(string message, TimeSpan retryAfter, Exception failure) : base(message, failure) => RetryAfter = retryAfter;

    private DatabaseUnavailableException(string message, TimeSpan retryAfter) : base(message)
    {
        RetryAfter = retryAfter;
        KnownOutage = true;
    }

    /// <summary>The request is turned away without trying the database, already known not to answer.</summary>
    public static DatabaseUnavailableException Known(string message, TimeSpan retryAfter) => new(message, retryAfter);

    public TimeSpan RetryAfter { get; }

    /// <summary>
    /// True when the outage was known before the request: it was logged once when it was found, so a request it turns
    /// away is expected, not an error to log again.
    /// </summary>
    public bool KnownOutage { get; }
}
