namespace MentorCloud.Infrastructure.Jobs;

/// <summary>The background job engine (Hangfire): <c>Jobs:*</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run a job server in this process; turn off on API-only replicas. The dashboard and enqueueing work either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The time zone of the recurring jobs' cron expressions (IANA or Windows id).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Where jobs are kept: <c>Database</c> (follows <c>Database:Provider</c>; in memory for SQLite) or <c>InMemory</c>.</summary>
    public string Storage { get; set; } = "Database";

    /// <summary>How often a failed job is retried, with growing delays, before it stays failed on the dashboard.</summary>
    public int RetryAttempts { get; set; } = 5;

    /// <summary>Workers of this process's job server; 0 takes Hangfire's default.</summary>
    public int WorkerCount { get; set; }

    /// <summary>
    /// How long a job fetched by a server stays invisible to the other servers without being renewed. A running server
    /// renews its jobs every fifth of this; when a server dies, its jobs are fetched again by another server after at most
    /// this plus <see cref="QueuePollInterval"/> (PostgreSQL and SQL Server storage).
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle job server asks the PostgreSQL storage for work (new jobs, and jobs of a dead server).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Failover drills only: a pause after each notification a job stores, so a server can be stopped in the middle of a school. Zero everywhere else.</summary>
    public TimeSpan DrillPause { get; set; } = TimeSpan.Zero;

    /// <summary>Per recurring job (by its name): <c>Cron</c>, or <c>-</c> to remove it.</summary>
    public Dictionary<string, RecurringJobSettings> Recurring { get; set; } = [];

    public TimeZoneInfo FindTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Delay before retry number <paramref name="attempt"/> (from 1): 30 s, 2 min, 8 min, … capped at 4 h.</summary>
    public static int RetryDelaySeconds(long attempt) => (int)Math.Min(30 * Math.Pow(4, Math.Max(0, attempt - 1)), 4 * 3600);
}

public sealed class RecurringJobSettings
{
    public string? Cron { get; set; }
}
