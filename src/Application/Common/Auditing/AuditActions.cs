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
    public const string ArchiveRead = "archive.read";
    public const string ArchiveHistoryRead = "archive.history.read";
    public const string ArchiveGoalsRead = "archive.goals.read";
    public const string ArchiveConsentRead = "archive.consent.read";
    public const string ArchiveExported = "archive.exported";
    public const string ArchiveReadRefused = "archive.read.refused";
    public const string ArchiveSectionWritten = "archive.section.written";
    public const string ArchiveGoalChanged = "archive.goal.changed";
    public const string GuardianConsentGranted = "archive.consent.granted";
    public const string GuardianConsentWithdrawn = "archive.consent.withdrawn";
    public const string ArchiveErased = "archive.erased";
    public const string ActivityRecorded = "activity.recorded";
    public const string ActivityEdited = "activity.edited";
    public const string ActivityDeleted = "activity.deleted";
    public const string FollowUpCompleted = "activity.followUp.completed";
    public const string MonthlyReportSubmitted = "monthlyReport.submitted";
    public const string MonthlyReportCommented = "monthlyReport.commented";
    public const string MentorEvaluationSubmitted = "mentorEvaluation.submitted";

    /// <summary>An archive section as the audit log names it: as the API spells it (camelCase).</summary>
    public static string SectionName(Domain.Archives.ArchiveSection section) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(section.ToString());

    /// <summary>The action recorded for a read of an archive part.</summary>
    public static string ForRead(Domain.Archives.ArchiveReadKind what) => what switch
    {
        Domain.Archives.ArchiveReadKind.Archive => ArchiveRead,
        Domain.Archives.ArchiveReadKind.History => ArchiveHistoryRead,
        Domain.Archives.ArchiveReadKind.Goals => ArchiveGoalsRead,
        Domain.Archives.ArchiveReadKind.Consent => ArchiveConsentRead,
        Domain.Archives.ArchiveReadKind.Export => ArchiveExported,
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
    };
}

/// <summary>The event types of the outbox, as webhook subscribers name them.</summary>
public static class OutboxTypes
{
    public const string MentorGroupPublished = "mentorGroup.published";
    public const string AssignmentChanged = "assignment.changed";
    public const string StudentLeft = "student.left";
    public const string ActivityRecorded = "activity.recorded";
}
