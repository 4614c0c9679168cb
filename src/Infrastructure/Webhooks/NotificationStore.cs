using MentorCloud.Application.Notifications;
using MentorCloud.Domain.Notifications;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Infrastructure.Webhooks;

/// <summary>
/// Inserts a notification on its own; the school's unique index on the key decides between two writers, and the loser
/// is told "already there" rather than failing. Other rows the caller added to the unit (the reminder job's outbox
/// message) are saved with the notification; the caller drops them when it is told "already there".
/// </summary>
public sealed class NotificationStore(ApplicationDbContext db) : INotificationStore
{
    public async Task<bool> TryAddAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (await db.Notifications.AnyAsync(n => n.UniqueKey == notification.UniqueKey, cancellationToken)) return false;
        db.Notifications.Add(notification);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (UnitOfWork.IsUniqueViolation(ex))
        {
            db.Entry(notification).State = EntityState.Detached;
            return false;
        }
    }
}
