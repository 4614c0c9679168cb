using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Common.Exceptions;

/// <summary>The resource does not exist, or is outside the caller's reach: both answer 404.</summary>
public sealed class NotFoundException(string resource, object key)
    : Exception($"{resource} '{key}' was not found.")
{
    public string Resource { get; } = resource;
    public object Key { get; } = key;
}

/// <summary>The caller is known but their role may not do this: 403.</summary>
public sealed class ForbiddenAccessException() : Exception("The caller's role may not do this.");

/// <summary>Credentials were wrong, unknown, or the account is locked or inactive: 401.</summary>
public sealed class AuthenticationFailedException(bool lockedOut) : Exception(lockedOut ? "The account is locked." : "Invalid credentials.")
{
    public bool LockedOut { get; } = lockedOut;
}

/// <summary>A school request arrived without a tenant: fail closed.</summary>
public sealed class TenantRequiredException() : Exception("No school (tenant) is set for this request.");

/// <summary>The request's fields are invalid: 400 with one list of messages per camelCase field.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors) : Exception("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>One field's message, in the caller's language.</summary>
    public static ValidationException For(string field, LocalizedText message) => new(new Dictionary<string, string[]> { [field] = [message.ToString()] });
}

/// <summary>The upload is, or would unpack to, more than the service accepts: 413. <see cref="Text"/> is what the caller reads.</summary>
public sealed class PayloadTooLargeException(LocalizedText text) : Exception(text.English)
{
    public LocalizedText Text { get; } = text;
}

/// <summary>The caller's <c>If-Match</c> names a version that is no longer current: 412, nothing changed.</summary>
public sealed class PreconditionFailedException() : Exception("The resource has changed since the caller read it.");

/// <summary>A change of a versioned resource arrived without <c>If-Match</c>: 428, nothing changed.</summary>
public sealed class PreconditionRequiredException() : Exception("If-Match is required to change this resource.");

/// <summary>A first request with the same <c>Idempotency-Key</c> is still running: 409 with <c>Retry-After</c>, nothing changed.</summary>
public sealed class RequestInProgressException(TimeSpan retryAfter) : Exception("A request with this Idempotency-Key is still in progress.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
