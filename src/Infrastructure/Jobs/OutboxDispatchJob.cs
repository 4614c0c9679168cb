using System.Text.Json;
using MentorCloud.Application.Common.Auditing;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Notifications;
using MentorCloud.Domain.Notifications;
using MentorCloud.Domain.Webhooks;
using MentorCloud.Infrastructure.Events;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Jobs;

/// <summary>The outbox: <c>Outbox:*</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Processed messages are purged after this many days.</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>Messages claimed at once by one dispatcher.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claim holds; a dispatcher that dies leaves its messages to another after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Dispatches of a message before it is set aside as dead (a redrive clears it).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay before dispatch number <paramref name="attempt"/> + 1: 1, 2, 4, … minutes, at most 6 hours.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Max(0, attempt - 1)), 360));
}

/// <summary>Every minute: one <see cref="OutboxDispatchJob"/> per school.</summary>
public sealed class OutboxFanOutJob(SchoolFanOut fanOut) : SchoolFanOutJob<OutboxDispatchJob>(fanOut);

/// <summary>
/// Drains one school's outbox: claims pending messages (so two job servers never take the same one), tells mentors of new
/// mentees in the app, posts each message to the school's webhooks that want its type, and marks it processed, or schedules it again with backoff when a webhook failed.
/// A delivery exists once per message and webhook, so a webhook that already got the message is not posted to again.
/// </summary>
public sealed class OutboxDispatchJob(ApplicationDbContext db, CatalogDbContext catalog, INotificationStore notifications, ITenantContext tenant,
    WebhookSender sender, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxDispatchJob> logger) : ISchoolJob
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Who claims: unique per run, so a conditional finish only touches this run's claims.</summary>
    private readonly string _claimant = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task RunAsync(SchoolJob school, CancellationToken cancellationToken)
    {
        if (tenant.Current?.Id != school.SchoolId) throw new InvalidOperationException("The job's school is not the scope's school.");
        for (var batch = 0; batch < 20; batch++)
        {
            var claimed = await ClaimAsync(cancellationToken);
            if (claimed.Count == 0) return;
            foreach (var id in claimed) await DispatchAsync(school, id, cancellationToken);
        }
    }

    /// <summary>
    /// Claims up to a batch of pending, due messages whose claim is free or expired. PostgreSQL takes them in one statement,
    /// skipping rows another dispatcher has locked; elsewhere each candidate is taken by a conditional update, which only
    /// one dispatcher can win (SQLite writes one at a time; SQL Server locks the row).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.Lease;
        var size = options.Value.BatchSize;
        if (db.Database.IsNpgsql())
        {
            var schoolId = tenant.Current!.Id;
            return await db.Database.SqlQuery<Guid>($"""
                UPDATE "OutboxMessages" SET "LockedBy" = {_claimant}, "LockedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMessages"
                    WHERE "TenantId" = {schoolId} AND "ProcessedAt" IS NULL AND "DeadAt" IS NULL AND "AvailableAt" <= {now}
                      AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                    ORDER BY "AvailableAt"
                    LIMIT {size}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(cancellationToken);
        }

        var candidates = await Pending(now).OrderBy(m => m.AvailableAt).Select(m => m.Id).Take(size).ToListAsync(cancellationToken);
        var claimed = new List<Guid>();
        foreach (var id in candidates)
        {
            var taken = await Pending(now).Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, _claimant).SetProperty(m => m.LockedUntil, until), cancellationToken);
            if (taken == 1) claimed.Add(id);
        }
        return claimed;
    }

    private IQueryable<OutboxMessage> Pending(DateTimeOffset now) =>
        db.OutboxMessages.Where(m => m.ProcessedAt == null && m.DeadAt == null && m.AvailableAt <= now && (m.LockedUntil == null || m.LockedUntil < now));

    private async Task DispatchAsync(SchoolJob school, Guid id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        var webhooks = (await db.WebhookSubscriptions.AsNoTracking()
                .Where(w => w.DeletedAt == null && w.CreatedAt <= message.OccurredAt).OrderBy(w => w.Id).ToListAsync(cancellationToken))
            .Where(w => w.Wants(message.Type)).ToList();

        await NotifyAsync(school, message, cancellationToken);
        var failed = new List<string>();
        foreach (var webhook in webhooks)
        {
            var delivery = await DeliveryFor(message, webhook, cancellationToken);
            if (delivery.Status == WebhookDeliveryStatus.Delivered) continue;
            var body = JsonSerializer.Serialize(new
            {
                id = delivery.Id,
                type = message.Type,
                occurredAt = message.OccurredAt,
                school = school.School,
                data = JsonDocument.Parse(message.Payload).RootElement,
            }, Json);
            var result = await sender.SendAsync(webhook, delivery.Id, body, cancellationToken);
            foreach (var attempt in result.Attempts)
                db.WebhookDeliveryAttempts.Add(new WebhookDeliveryAttempt(delivery.Id, attempt.At, attempt.StatusCode, attempt.Error, attempt.DurationMs));
            if (result.Delivered) delivery.Succeeded(result.Attempts.Count, clock.GetUtcNow());
            else
            {
                delivery.Failed(result.Attempts.Count);
                failed.Add(result.Attempts.Count > 0 ? result.Attempts[^1].Error ?? "not delivered" : "not delivered");
            }
            await db.SaveChangesAsync(cancellationToken);
        }

        var now = clock.GetUtcNow();
        var mine = db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == _claimant);
        if (failed.Count == 0)
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken);
            return;
        }

        var attempts = message.Attempts + 1;
        var error = string.Join("; ", failed);
        if (error.Length > 2000) error = error[..2000];
        var dead = attempts >= options.Value.MaxAttempts ? now : (DateTimeOffset?)null;
        await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, error)
            .SetProperty(m => m.AvailableAt, now + OutboxOptions.Backoff(attempts)).SetProperty(m => m.DeadAt, dead)
            .SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken);
        logger.LogWarning("Outbox message {Message} of school {School} not delivered to every webhook (attempt {Attempt}): {Error}", id, school.School, attempts, error);
    }

    /// <summary>Mentors who were given a mentee hear of it in the app; the key (message, recipient) keeps a rerun from telling them twice.</summary>
    private async Task NotifyAsync(SchoolJob school, OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Type != OutboxTypes.AssignmentChanged) return;
        var data = JsonDocument.Parse(message.Payload).RootElement;
        if (!data.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.Array) return;
        var mentors = to.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetGuid()).ToList();
        if (mentors.Count == 0) return;
        var recipients = await catalog.Users.AsNoTracking()
            .Where(u => u.IsActive && u.SchoolCode == school.School && u.TeacherId != null && mentors.Contains(u.TeacherId.Value))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        var payload = JsonSerializer.Serialize(new
        {
            groupId = data.TryGetProperty("groupId", out var group) ? group.GetGuid() : (Guid?)null,
            studentId = data.TryGetProperty("studentId", out var student) ? student.GetGuid() : (Guid?)null,
        }, Json);
        foreach (var recipient in recipients)
            await notifications.TryAddAsync(new Notification(recipient, OutboxTypes.AssignmentChanged, Messages.NewMenteeTitle, Messages.NewMenteeBody, payload,
                message.OccurredAt, $"{OutboxTypes.AssignmentChanged}:{message.Id:N}:{recipient:N}"), cancellationToken);
    }

    private async Task<WebhookDelivery> DeliveryFor(OutboxMessage message, WebhookSubscription webhook, CancellationToken cancellationToken)
    {
        var existing = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.OutboxMessageId == message.Id && d.SubscriptionId == webhook.Id, cancellationToken);
        if (existing is not null) return existing;
        var delivery = new WebhookDelivery(webhook.Id, message.Id, message.Type, clock.GetUtcNow());
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        return delivery;
    }
}
