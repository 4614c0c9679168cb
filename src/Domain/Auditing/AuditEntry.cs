using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Auditing;

/// <summary>One line of a school's append-only audit log (审计日志): who did what to which record, and when.</summary>
public sealed class AuditEntry : Entity, ITenantOwned, IAppendOnly
{
    public const int MaxUserAgentLength = 256;

    private AuditEntry(Guid id) : base(id) { }

    public AuditEntry(DateTimeOffset at, Guid? actorId, string? actorName, string action, string subjectType, Guid? subjectId, string? details, Guid? studentId = null,
        AuditOrigin origin = default, string? section = null)
    {
        ActorRole = origin.ActorRole;
        ClientAddress = origin.ClientAddress;
        UserAgent = origin.UserAgent is { Length: > MaxUserAgentLength } agent ? agent[..MaxUserAgentLength] : origin.UserAgent;
        Section = section;
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

    /// <summary>The roles the actor acted in, comma-separated.</summary>
    public string? ActorRole { get; private set; }

    /// <summary>The archive section read or written, for archive entries (R8).</summary>
    public string? Section { get; private set; }

    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }

    /// <summary>JSON: what changed (old → new) or what was read.</summary>
    public string? Details { get; private set; }
}

/// <summary>Who acted in which role, and from where: the request's address and user agent (none for background work).</summary>
public readonly record struct AuditOrigin(string? ActorRole, string? ClientAddress, string? UserAgent);
