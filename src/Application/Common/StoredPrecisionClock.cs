namespace MentorCloud.Application.Common;

/// <summary>
/// The service's clock: the system's time in whole milliseconds, the finest every supported database keeps (SQLite's
/// storage keeps a tenth of a millisecond, PostgreSQL a microsecond, SQL Server 100 ns). A time the service stamps is
/// then answered the same when it is written (a <c>201</c>'s <c>recordedAt</c>) and when it is read back later.
/// Timers and elapsed time are the system's own.
/// </summary>
public sealed class StoredPrecisionClock : TimeProvider
{
    public static StoredPrecisionClock Instance { get; } = new();

    private StoredPrecisionClock() { }

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}
