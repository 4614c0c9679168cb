using System.Data.Common;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Common;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Idempotency;

/// <summary>
/// Keys live in the school's own database. A reservation is saved at once through the request's context, before the
/// command has changed anything (its own transaction, visible to a parallel retry); a release through a second
/// context of the same school, since the request's connection may have failed with the command; the answer goes
/// through the request's context and is committed with the created record.
/// </summary>
public sealed class IdempotencyStore(
    ApplicationDbContext db,
    ITenantContext tenant,
    ITenantScopeFactory scopes,
    ICurrentUser user,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options) : IIdempotencyStore
{
    private readonly IdempotencyOptions _options = options.Value;

    public async ValueTask<IdempotencyReservation> ReserveAsync(string key, string requestName, string requestHash, CancellationToken cancellationToken)
    {
        var userId = user.UserId ?? Guid.Empty;
        if (db.Database.CurrentTransaction is not null || db.ChangeTracker.HasChanges())
            throw new InvalidOperationException("A key is reserved before the command changes anything, outside its transaction.");
        var now = clock.GetUtcNow();

        // Two rounds at most: an expired or crashed first request is cleared or taken over, then the key is tried again.
        for (var round = 0; ; round++)
        {
            var fresh = new IdempotencyRequest(userId, key, requestName, requestHash, now, now + _options.Lease);
            try
            {
                // A plain insert, and the context forgets the row: the command completes it by its id (CompleteAsync).
                await db.InsertAddedAsync([db.IdempotencyRequests.Add(fresh)], cancellationToken);
                return new IdempotencyReservation(fresh.Id, null);
            }
            catch (DbException ex) when (UnitOfWork.IsUniqueViolation(ex) && round == 0)
            {
                // The key is taken: what the first request's row holds decides, below.
            }

            var first = await db.IdempotencyRequests.AsNoTracking()
                .SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, cancellationToken);
            if (first is null) continue; // released meanwhile
            if (first.CreatedAt + _options.Retention <= now)
            {
                await db.IdempotencyRequests.Where(r => r.Id == first.Id).ExecuteDeleteAsync(cancellationToken);
                continue;
            }
            if (!first.IsFor(requestName, requestHash))
                throw new RuleViolationException("R10", Messages.IdempotencyKeyReused);
            if (first.Response is { } stored) return new IdempotencyReservation(first.Id, stored);
            if (first.LeaseUntil > now) throw new RequestInProgressException(first.LeaseUntil - now);

            // The first request outlived its lease without an answer: it crashed, and nothing it did was committed.
            var taken = await db.IdempotencyRequests
                .Where(r => r.Id == first.Id && r.LeaseUntil == first.LeaseUntil && r.CompletedAt == null)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.LeaseUntil, now + _options.Lease), cancellationToken);
            if (taken == 1) return new IdempotencyReservation(first.Id, null);
            throw new RequestInProgressException(_options.Lease);
        }
    }

    /// <summary>
    /// The answer is written into the reservation this request made, with the created record, without reading the row
    /// back: only its id and school are known, and only the answer and its time are updated. A row gone meanwhile fails
    /// the whole save.
    /// </summary>
    public ValueTask CompleteAsync(Guid reservationId, string response, CancellationToken cancellationToken)
    {
        var reservation = IdempotencyRequest.Reserved(reservationId);
        db.AttachStored(reservation);
        reservation.Complete(response, clock.GetUtcNow());
        return ValueTask.CompletedTask;
    }

    public async ValueTask ReleaseAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateScope(tenant.Current ?? throw new TenantRequiredException());
        var own = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await own.IdempotencyRequests.Where(r => r.Id == reservationId && r.CompletedAt == null).ExecuteDeleteAsync(cancellationToken);
    }
}
