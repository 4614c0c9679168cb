namespace MentorCloud.Infrastructure.Events;

/// <summary>
/// How long the school's audit log is kept. Archive access of minors' data is kept at least 180 days (等保 2.0 practice);
/// the purge of older entries is background work.
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";
    public const int MinRetentionDays = 180;

    public int RetentionDays { get; set; } = 365;
}
