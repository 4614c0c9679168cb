using System.Text.Json;
using MentorCloud.Application.Common.Auditing;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using MentorCloud.Infrastructure.Persistence;

namespace MentorCloud.Infrastructure.Events;

/// <summary>
/// Writes an outbox message for each fact that subscribers (webhooks, notifications) may hear of, in the transaction
/// of the change, so a message exists exactly when the change committed. Payloads carry ids, not personal data.
/// </summary>
public sealed class OutboxWriter(ApplicationDbContext db, TimeProvider clock) :
    IDomainEventHandler<MentorGroupPublished>,
    IDomainEventHandler<AssignmentAdjusted>,
    IDomainEventHandler<MentorsReleased>,
    IDomainEventHandler<StudentDeactivated>,
    IDomainEventHandler<ActivityRecorded>
{
    public ValueTask Handle(MentorGroupPublished e, CancellationToken cancellationToken) =>
        Write(OutboxTypes.MentorGroupPublished, new { groupId = e.GroupId, classId = e.ClassId, semesterId = e.SemesterId });

    public ValueTask Handle(AssignmentAdjusted e, CancellationToken cancellationToken) =>
        Write(OutboxTypes.AssignmentChanged, new { groupId = e.GroupId, studentId = e.StudentId, from = e.From, to = e.To, reason = AssignmentEndReason.Reassigned });

    public ValueTask Handle(MentorsReleased e, CancellationToken cancellationToken) =>
        Write(OutboxTypes.AssignmentChanged, new { groupId = e.GroupId, studentId = e.StudentId, from = e.MentorIds, to = Array.Empty<Guid>(), reason = e.Reason });

    public ValueTask Handle(StudentDeactivated e, CancellationToken cancellationToken) =>
        Write(OutboxTypes.StudentLeft, new { studentId = e.StudentId, classId = e.ClassId });

    public ValueTask Handle(ActivityRecorded e, CancellationToken cancellationToken) =>
        Write(OutboxTypes.ActivityRecorded, new { activityId = e.ActivityId, semesterId = e.SemesterId, kind = e.Kind, studentIds = e.StudentIds, recordedById = e.RecordedById });

    /// <summary>
    /// The <c>reminder.created</c> message of a reminder the reminder job stores (R12): ids and the milestone only. The job
    /// adds it to the unit of the notification, so it is saved exactly when the notification is.
    /// </summary>
    public static OutboxMessage ReminderCreated(Guid notificationId, Guid recipientId, string milestone, DateTimeOffset occurredAt) =>
        new(Domain.Webhooks.WebhookEvents.ReminderCreated, JsonSerializer.Serialize(new { notificationId, recipientId, milestone }, AuditTrail.Json), occurredAt);

    private ValueTask Write(string type, object data)
    {
        db.OutboxMessages.Add(new OutboxMessage(type, JsonSerializer.Serialize(data, AuditTrail.Json), clock.GetUtcNow()));
        return ValueTask.CompletedTask;
    }
}
