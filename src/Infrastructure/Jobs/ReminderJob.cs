using System.Globalization;
using System.Text.Json;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Notifications;
using MentorCloud.Application.Progress;
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
/// Stores the reminders <see cref="ReminderPlanner"/> finds due on the school's today (R12) as notifications, each with
/// the unique key (semester, milestone, recipient) so a rerun or a second job server stores it once; a reminder stored
/// now also writes a <c>reminder.created</c> outbox message (ids only), in the same transaction, for the webhooks.
/// </summary>
public sealed class ReminderJob(ApplicationDbContext db, ReminderPlanner planner, INotificationStore notifications, ITenantContext tenant, TimeProvider clock,
    ILogger<ReminderJob> logger) : ISchoolJob
{
    public const string Kind = "reminder.semesterDeadline";
    public const string MonthlyReportKind = "reminder.monthlyReport";
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
            var monthly = reminder.Role == ReminderRoles.Student;
            var title = monthly
                ? Messages.MonthlyReportReminderTitle(DateOnly.ParseExact(reminder.Milestone["monthlyReport:".Length..] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture))
                : Messages.DeadlineReminderTitle(int.Parse(reminder.Milestone["daysBeforeEnd:".Length..], CultureInfo.InvariantCulture));
            var body = string.Join("\n", reminder.Students.Select(s => $"{s.Name}: {string.Join("; ", s.Gaps)}"));
            var payload = JsonSerializer.Serialize(new { semesterId, milestone = reminder.Milestone, studentIds = reminder.Students.Select(s => s.StudentId) }, Json);
            var notification = new Notification(reminder.RecipientId, monthly ? MonthlyReportKind : Kind, title, body, payload, now,
                $"reminder:{semesterId:N}:{reminder.Milestone}:{reminder.RecipientId:N}");
            var message = OutboxWriter.ReminderCreated(notification.Id, reminder.RecipientId, reminder.Milestone, now);
            // Saved with the notification when it is new; dropped when the key is taken.
            db.OutboxMessages.Add(message);
            if (await notifications.TryAddAsync(notification, cancellationToken)) stored++;
            else db.Entry(message).State = EntityState.Detached;
        }
        if (stored > 0) logger.LogInformation("Reminders: {Count} stored in school {School} for {Day}", stored, school.School, plan.AsOf);
        return stored;
    }
}
