namespace MentorCloud.Application.Common.Interfaces;

/// <summary>
/// A command that creates something and may be retried with an <c>Idempotency-Key</c> (R10):
/// the same key and body answer with the first result; the same key with another body is refused.
/// </summary>
public interface IIdempotentRequest;
