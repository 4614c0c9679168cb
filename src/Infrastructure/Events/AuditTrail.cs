using System.Text.Json;
using System.Text.Json.Serialization;
using MentorCloud.Application.Common.Auditing;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Roster.Commands.ImportRoster;
using MentorCloud.Application.Students;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Auditing;
using MentorCloud.Domain.Evaluations;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Reports;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;

namespace MentorCloud.Infrastructure.Events;

/// <summary>
/// Writes the school's audit log from domain events, in the transaction of the change: one entry per audited fact,
/// with the caller (or the background work) as the actor. Use cases never write entries themselves.
/// </summary>
public sealed class AuditTrail(ApplicationDbContext db, ICurrentUser user, IRequestOrigin origin, TimeProvider clock) :
    IDomainEventHandler<PolicyRevised>,
    IDomainEventHandler<TeacherDeactivated>,
    IDomainEventHandler<StudentDeactivated>,
    IDomainEventHandler<StudentTransferred>,
    IDomainEventHandler<AttentionFlagsChanged>,
    IDomainEventHandler<RosterImported>,
    IDomainEventHandler<MentorGroupPublished>,
    IDomainEventHandler<AssignmentAdjusted>,
    IDomainEventHandler<MentorsReleased>,
    IDomainEventHandler<ArchiveRead>,
    IDomainEventHandler<ArchiveSectionWritten>,
    IDomainEventHandler<ArchiveGoalChanged>,
    IDomainEventHandler<GuardianConsentChanged>,
    IDomainEventHandler<ArchiveErased>,
    IDomainEventHandler<ActivityRecorded>,
    IDomainEventHandler<ActivityEdited>,
    IDomainEventHandler<ActivityDeleted>,
    IDomainEventHandler<FollowUpCompleted>,
    IDomainEventHandler<MonthlyReportSubmitted>,
    IDomainEventHandler<MonthlyReportCommented>,
    IDomainEventHandler<MentorEvaluationSubmitted>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public ValueTask Handle(PolicyRevised e, CancellationToken cancellationToken) =>
        Write(AuditActions.PolicyUpdated, nameof(SchoolPolicy), e.PolicyId, new { from = e.From, to = e.To, version = e.Version });

    public ValueTask Handle(TeacherDeactivated e, CancellationToken cancellationToken) =>
        Write(AuditActions.TeacherDeactivated, nameof(Teacher), e.TeacherId);

    public ValueTask Handle(StudentDeactivated e, CancellationToken cancellationToken) =>
        Write(AuditActions.StudentDeactivated, nameof(Student), e.StudentId, studentId: e.StudentId);

    public ValueTask Handle(StudentTransferred e, CancellationToken cancellationToken) =>
        Write(AuditActions.StudentTransferred, nameof(Student), e.StudentId, new { from = e.FromClassId, to = e.ToClassId }, e.StudentId);

    public ValueTask Handle(AttentionFlagsChanged e, CancellationToken cancellationToken) =>
        Write(AuditActions.AttentionFlagsChanged, nameof(Student), e.StudentId, new { from = e.From.Split(), to = e.To.Split() }, e.StudentId);

    public ValueTask Handle(RosterImported e, CancellationToken cancellationToken) =>
        Write(AuditActions.RosterImported, "Roster", null, new { file = e.File, teachers = e.Teachers, classes = e.Classes, students = e.Students });

    public ValueTask Handle(MentorGroupPublished e, CancellationToken cancellationToken) =>
        Write(AuditActions.MentorGroupPublished, nameof(MentorGroup), e.GroupId, new { classId = e.ClassId, semesterId = e.SemesterId });

    public ValueTask Handle(AssignmentAdjusted e, CancellationToken cancellationToken) =>
        Write(AuditActions.AssignmentAdjusted, nameof(MentorGroup), e.GroupId, new { studentId = e.StudentId, from = e.From, to = e.To }, e.StudentId);

    public ValueTask Handle(MentorsReleased e, CancellationToken cancellationToken) =>
        Write(AuditActions.MentorsReleased, nameof(MentorGroup), e.GroupId, new { studentId = e.StudentId, mentorIds = e.MentorIds, reason = e.Reason }, e.StudentId);

    // Archive entries name the section and never carry its contents (R8).
    public ValueTask Handle(ArchiveRead e, CancellationToken cancellationToken) =>
        e.Refused
            ? Write(AuditActions.ArchiveReadRefused, nameof(StudentArchive), e.StudentId, new { what = e.What }, e.StudentId, e.Section)
            : Write(AuditActions.ForRead(e.What), nameof(StudentArchive), e.StudentId, studentId: e.StudentId, section: e.Section);

    public ValueTask Handle(ArchiveSectionWritten e, CancellationToken cancellationToken) =>
        Write(AuditActions.ArchiveSectionWritten, nameof(StudentArchive), e.StudentId, new { version = e.Version }, e.StudentId, e.Section);

    public ValueTask Handle(ArchiveGoalChanged e, CancellationToken cancellationToken) =>
        Write(AuditActions.ArchiveGoalChanged, nameof(ArchiveGoal), e.GoalId, new { change = e.Change }, e.StudentId);

    public ValueTask Handle(GuardianConsentChanged e, CancellationToken cancellationToken) =>
        Write(e.Granted ? AuditActions.GuardianConsentGranted : AuditActions.GuardianConsentWithdrawn, nameof(GuardianConsent), e.ConsentId, studentId: e.StudentId);

    public ValueTask Handle(ArchiveErased e, CancellationToken cancellationToken) =>
        Write(AuditActions.ArchiveErased, nameof(StudentArchive), e.StudentId, new { reason = e.Reason, versions = e.Versions, goals = e.Goals }, e.StudentId);

    // Activity entries name the students and never carry the summary.
    public ValueTask Handle(ActivityRecorded e, CancellationToken cancellationToken) =>
        Write(AuditActions.ActivityRecorded, nameof(GuidanceActivity), e.ActivityId,
            new { semesterId = e.SemesterId, kind = e.Kind, studentIds = e.StudentIds }, OnlyStudent(e.StudentIds));

    public ValueTask Handle(ActivityEdited e, CancellationToken cancellationToken) =>
        Write(AuditActions.ActivityEdited, nameof(GuidanceActivity), e.ActivityId, new { semesterId = e.SemesterId, studentIds = e.StudentIds }, OnlyStudent(e.StudentIds));

    public ValueTask Handle(ActivityDeleted e, CancellationToken cancellationToken) =>
        Write(AuditActions.ActivityDeleted, nameof(GuidanceActivity), e.ActivityId, new { semesterId = e.SemesterId, studentIds = e.StudentIds }, OnlyStudent(e.StudentIds));

    public ValueTask Handle(FollowUpCompleted e, CancellationToken cancellationToken) =>
        Write(AuditActions.FollowUpCompleted, nameof(GuidanceActivity), e.ActivityId, new { followUpId = e.FollowUpId });

    /// <summary>The entry's student, when the activity covers exactly one (a group talk lists its students in the details).</summary>
    private static Guid? OnlyStudent(IReadOnlyList<Guid> studentIds) => studentIds.Count == 1 ? studentIds[0] : null;
    public ValueTask Handle(MonthlyReportSubmitted e, CancellationToken cancellationToken) =>
        Write(AuditActions.MonthlyReportSubmitted, nameof(MonthlyReport), e.ReportId, new { semesterId = e.SemesterId, month = e.Month.ToString("yyyy-MM") }, e.StudentId);

    public ValueTask Handle(MonthlyReportCommented e, CancellationToken cancellationToken) =>
        Write(AuditActions.MonthlyReportCommented, nameof(MonthlyReport), e.ReportId, new { commentId = e.CommentId }, e.StudentId);

    // The entry names the mentor, never the scores; only school admins read the log (R11).
    public ValueTask Handle(MentorEvaluationSubmitted e, CancellationToken cancellationToken) =>
        Write(AuditActions.MentorEvaluationSubmitted, nameof(MentorEvaluation), e.EvaluationId, new { mentorId = e.MentorId, semesterId = e.SemesterId });

    private ValueTask Write(string action, string subjectType, Guid? subjectId, object? details = null, Guid? studentId = null, ArchiveSection? section = null)
    {
        var from = new AuditOrigin(user.Roles.Count == 0 ? null : string.Join(',', user.Roles), origin.ClientAddress, origin.UserAgent);
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), user.UserId, user.Username, action, subjectType, subjectId,
            details is null ? null : JsonSerializer.Serialize(details, Json), studentId, from, section is { } s ? AuditActions.SectionName(s) : null));
        return ValueTask.CompletedTask;
    }
}
