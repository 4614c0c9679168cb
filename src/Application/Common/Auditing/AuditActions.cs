namespace MentorCloud.Application.Common.Auditing;

/// <summary>The actions of the school's audit log, as <c>GET …/audit</c> shows them.</summary>
public static class AuditActions
{
    public const string PolicyUpdated = "policy.updated";
    public const string TeacherDeactivated = "teacher.deactivated";
    public const string StudentDeactivated = "student.deactivated";
    public const string StudentTransferred = "student.transferred";
    public const string AttentionFlagsChanged = "student.attentionFlags.changed";
    public const string RosterImported = "roster.imported";
    public const string MentorGroupPublished = "mentorGroup.published";
    public const string AssignmentAdjusted = "mentorGroup.assignmentAdjusted";
    public const string MentorsReleased = "mentorGroup.mentorsReleased";
}

/// <summary>The event types of the outbox, as webhook subscribers name them.</summary>
public static class OutboxTypes
{
    public const string MentorGroupPublished = "mentorGroup.published";
    public const string AssignmentChanged = "assignment.changed";
    public const string StudentLeft = "student.left";
}
