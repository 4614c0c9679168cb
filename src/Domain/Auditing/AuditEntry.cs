using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Auditing;

/// <summary>One line of a school's append-only audit log (审计日志): who did what to which record, and when.</summary>
public sealed class AuditEntry : Entity, ITenantOwned, IAppendOnly
{
    private AuditEntry() { }

    public AuditEntry(DateTimeOffset at, Guid? actorId, string? actorName, string action, string subjectType, Guid? subjectId, string? details, Guid? studentId = null)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        SubjectType = subjectType;
        SubjectId = subjectId;
        Details = details;
        StudentId = studentId;
    }

    public DateTimeOffset At { get; private set; }
    public Guid? ActorId { get; private set; }
    public string? ActorName { get; private set; }
    public string Action { get; private set; } = null!;
    public string SubjectType { get; private set; } = null!;
    public Guid? SubjectId { get; private set; }

    /// <summary>The student the entry concerns, when there is one: lets admins ask "who touched this student's data".</summary>
    public Guid? StudentId { get; private set; }

    /// <summary>JSON: what changed (old → new) or what was read.</summary>
    public string? Details { get; private set; }
}
