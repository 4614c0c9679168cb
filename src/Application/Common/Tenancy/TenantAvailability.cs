namespace MentorCloud.Application.Common.Tenancy;

/// <summary>Whether a school's dedicated database answers; a school whose database does not is served 503 until it does.</summary>
public interface ITenantAvailability
{
    bool IsAvailable(Guid tenantId);
}

/// <summary>A database the request needs does not answer now: 503 with <c>Retry-After</c>.</summary>
public sealed class DatabaseUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
    : Exception(message, innerException)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
