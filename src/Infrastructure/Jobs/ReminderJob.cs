using System.Text.Json;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Notifications;
using MentorCloud.Application.Reminders;
using MentorCloud.Domain.Notifications;
using MentorCloud.Infrastructure.Events;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MentorCloud.Infrastructure.Jobs;

/// <summary>Daily: one <see cref="ReminderJob"/> per school.</summary>
public sealed class ReminderFanOutJob(SchoolFanOut fanOut) : SchoolFanOutJob<ReminderJob>(fanOut);

/// <summary>
/// Stores the reminders and escalations <see cref="ReminderPlanner"/> finds due on the school's today (R12) as
/// notifications, each with the unique key (semester, milestone, recipient) so a rerun or a second job server stores it
/// once; a reminder or escalation stored now also writes a <c>reminder.created</c> outbox message (ids only), in the same
/// transaction, for the webhooks.
/// </summary>
public sealed class ReminderJob(ApplicationDbContext db, ReminderPlanner planner, INotificationStore notifications, ITenantContext tenant, TimeProvider clock,
    ILogger<ReminderJob> logger) : ISchoolJob
{
    public const string Kind = ReminderKinds.SemesterDeadline;
    public const string MonthlyReportKind = ReminderKinds.MonthlyReport;
    public const string EscalationKind = ReminderKinds.Escalation;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RunAsync(SchoolJob school, CancellationToken cancellationToken) => await SendAsync(school, cancellationToken);

    /// <summary>Stores today's reminders that are not stored yet; returns how many were stored now.</summary>
    public async Task<int> SendAsync(SchoolJob school, CancellationToken cancellationToken)
    {
        if (tenant.Current?.Id != school.SchoolId) throw new InvalidOperationException("The job's school is not the scope's school.");
        var plan = await planner.PlanAsync(clock.Today(), cancellationToken);
        if (plan.SemesterId is not { } semesterId) return 0;
        var now = clock.GetUtcNow();
        var stored = 0;
        foreach (var reminder in plan.Items)
        {
            var payload = JsonSerializer.Serialize(Payload(semesterId, reminder), Json);
            var notification = new Notification(reminder.RecipientId, ReminderKinds.Of(reminder.Role), ReminderTexts.Title(reminder), ReminderTexts.Body(reminder),
                payload, now, ReminderPlanner.UniqueKey(semesterId, reminder.Milestone, reminder.RecipientId));
            var message = OutboxWriter.ReminderCreated(notification.Id, reminder.RecipientId, reminder.Milestone, now);
            // Saved with the notification when it is new; dropped when the key is taken.
            db.OutboxMessages.Add(message);
            if (await notifications.TryAddAsync(notification, cancellationToken)) stored++;
            else db.Entry(message).State = EntityState.Detached;
        }
        if (stored > 0) logger.LogInformation("Reminders: {Count} stored in school {School} for {Day}", stored, school.School, plan.AsOf);
        return stored;
    }

    /// <summary>Ids for clients: a mentor's reminder names the mentor (escalations find the reminded mentor by it), an escalation the mentors.</summary>
    private static Dictionary<string, object> Payload(Guid semesterId, ReminderDto reminder)
    {
        var payload = new Dictionary<string, object> { ["semesterId"] = semesterId, ["milestone"] = reminder.Milestone };
        if (reminder.Role == ReminderRoles.Mentor && reminder.TeacherId is { } mentorId) payload["mentorId"] = mentorId;
        payload["studentIds"] = reminder.Students.Select(s => s.StudentId).Distinct().ToList();
        if (reminder.Role is ReminderRoles.HeadTeacher or ReminderRoles.SchoolAdmin)
            payload["mentorIds"] = reminder.Students.SelectMany(s => s.Mentors ?? []).Select(m => m.TeacherId).Distinct().ToList();
        return payload;
    }
}
