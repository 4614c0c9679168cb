using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Archives;

/// <summary>What a guardian consented to keep (PIPL: a child under 14's personal information needs a guardian's consent).</summary>
[Flags]
public enum ConsentScope
{
    None = 0,
    /// <summary>The archive's ordinary sections.</summary>
    Archive = 1,
    /// <summary>Family, health and psychology, the sensitive sections.</summary>
    SensitiveSections = 2,
    /// <summary>Development goals (发展性目标).</summary>
    Goals = 4,
}

public enum ConsentMethod
{
    Paper,
    Online,
}

/// <summary>One consent given by a guardian, and its withdrawal when there is one. Records are kept as history.</summary>
public sealed class GuardianConsent : Entity, ITenantOwned
{
    private GuardianConsent(Guid id) : base(id) { }

    internal GuardianConsent(Guid archiveId, string guardianName, string relation, DateOnly grantedOn, ConsentMethod method, ConsentScope scopes,
        Guid? recordedBy, DateTimeOffset recordedAt)
    {
        ArchiveId = archiveId;
        GuardianName = string.IsNullOrWhiteSpace(guardianName) ? throw new DomainValidationException(nameof(guardianName), new("请填写作出同意的监护人姓名。", "The consenting guardian is named.")) : guardianName.Trim();
        Relation = string.IsNullOrWhiteSpace(relation) ? throw new DomainValidationException(nameof(relation), new("请填写监护人与学生的关系。", "The guardian's relation is named.")) : relation.Trim();
        GrantedOn = grantedOn;
        Method = method;
        Scopes = scopes == ConsentScope.None ? throw new DomainValidationException("scopes", new("知情同意须至少包含一项同意范围。", "A consent covers at least one scope.")) : scopes;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid ArchiveId { get; private set; }
    public string GuardianName { get; private set; } = null!;
    public string Relation { get; private set; } = null!;
    public DateOnly GrantedOn { get; private set; }
    public ConsentMethod Method { get; private set; }
    public ConsentScope Scopes { get; private set; }
    public Guid? RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public Guid? WithdrawnBy { get; private set; }

    public bool IsInForce => WithdrawnAt is null;

    internal void Withdraw(Guid? by, DateTimeOffset at)
    {
        WithdrawnAt = at;
        WithdrawnBy = by;
    }
}
