using MentorCloud.Application.Notifications;
using MentorCloud.Domain.Notifications;

namespace MentorCloud.Infrastructure.Jobs;

/// <summary>
/// Failover drills (<c>Jobs:DrillPause</c>): stores through <paramref name="inner"/>, then pauses, so a job that stores
/// several notifications spends most of its time between two of them, where a drill stops its server.
/// </summary>
public sealed class PausingNotificationStore(INotificationStore inner, TimeSpan pause, TimeProvider clock) : INotificationStore
{
    public async Task<bool> TryAddAsync(Notification notification, CancellationToken cancellationToken)
    {
        var added = await inner.TryAddAsync(notification, cancellationToken);
        await Task.Delay(pause, clock, cancellationToken);
        return added;
    }
}
