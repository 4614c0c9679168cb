namespace MentorCloud.Application.Common.Interfaces;

/// <summary>
/// The per-school record of <c>Idempotency-Key</c>s. A key is reserved in its own short transaction before the
/// command runs, so a parallel retry sees it; the command's answer is stored in the command's own transaction, so a
/// crash between the insert and the answer leaves a reservation that a later retry takes over, never a second record.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Reserves the caller's key for this request, or finds the answer a first request with the same body stored.</summary>
    /// <exception cref="MentorCloud.Domain.Common.RuleViolationException">The key was used for another request (422, R10).</exception>
    /// <exception cref="Exceptions.RequestInProgressException">A first request with the key is still running (409).</exception>
    ValueTask<IdempotencyReservation> ReserveAsync(string key, string requestName, string requestHash, CancellationToken cancellationToken);

    /// <summary>Stores the answer with the command's changes; the unit of work commits both or neither.</summary>
    ValueTask CompleteAsync(Guid reservationId, string response, CancellationToken cancellationToken);

    /// <summary>Frees the key after the command failed, so that a corrected retry may use it.</summary>
    ValueTask ReleaseAsync(Guid reservationId, CancellationToken cancellationToken);
}

/// <summary>A fresh reservation (<see cref="StoredResponse"/> null) or the first request's stored answer.</summary>
public sealed record IdempotencyReservation(Guid Id, string? StoredResponse);

/// <summary>The <c>Idempotency-Key</c> of the current request, if it sent one, and whether its answer is a replay.</summary>
public sealed class IdempotencyContext
{
    public string? Key { get; set; }

    /// <summary>The reservation the command runs under, while it runs.</summary>
    public Guid? ReservationId { get; set; }

    /// <summary>The answer is the first request's, sent again (<c>Idempotency-Replayed: true</c>).</summary>
    public bool Replayed { get; set; }
}
