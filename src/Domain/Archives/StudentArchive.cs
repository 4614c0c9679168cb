using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Archives;

/// <summary>Who wrote something into an archive: the account, and its name as shown in history.</summary>
public readonly record struct ArchiveAuthor(Guid? UserId, string? Name);

/// <summary>
/// A student's guidance archive (导育档案, R7): one per student. Every write of a section adds a version; the
/// archive's own version moves with every write, and a writer names the version they read (optimistic concurrency).
/// Section contents arrive here as stored text: the application encrypts the sensitive ones before they do.
/// While the school requires it, nothing is written without a guardian's consent in force (R8, PIPL).
/// </summary>
public sealed class StudentArchive : AggregateRoot, ITenantOwned, IVersioned
{
    // Only the versions written in this unit of work, unless the archive was loaded whole (for an erasure):
    // history is read by query, never by walking this list.
    private readonly List<ArchiveEntry> _entries = [];
    private readonly List<ArchiveGoal> _goals = [];
    private readonly List<GuardianConsent> _consents = [];

    private StudentArchive(Guid id) : base(id) { }

    public StudentArchive(Guid studentId, DateTimeOffset openedAt)
    {
        StudentId = studentId;
        OpenedAt = openedAt;
    }

    public Guid StudentId { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ErasedAt { get; private set; }

    public IReadOnlyList<ArchiveGoal> Goals => _goals.AsReadOnly();
    public IReadOnlyList<GuardianConsent> Consents => _consents.AsReadOnly();

    /// <summary>The latest consent that has not been withdrawn.</summary>
    public GuardianConsent? ConsentInForce => _consents.Where(c => c.IsInForce).MaxBy(c => c.RecordedAt);

    /// <summary>Adds a version of <paramref name="section"/>; the caller has checked that the writer read the current version.</summary>
    public ArchiveEntry Write(ArchiveSection section, string storedContent, ArchiveAuthor author, DateTimeOffset at, bool consentRequired)
    {
        DemandConsent(section.RequiredScope(), consentRequired);
        Version++;
        var entry = new ArchiveEntry(Id, section, Version, storedContent, author, at);
        _entries.Add(entry);
        Raise(new ArchiveSectionWritten(StudentId, section, Version));
        return entry;
    }

    /// <summary>Re-seals an existing version's content under a newer key; content and history are unchanged.</summary>
    public void Reseal(ArchiveEntry entry, string storedContent)
    {
        if (entry.ArchiveId != Id) throw new InvalidOperationException("The version belongs to another archive.");
        entry.Reseal(storedContent);
    }

    public ArchiveGoal SetGoal(GoalKind kind, string title, DateOnly? targetDate, ArchiveAuthor author, DateTimeOffset at, bool consentRequired)
    {
        DemandConsent(ConsentScope.Goals, consentRequired);
        var goal = new ArchiveGoal(Id, kind, title, targetDate, author, at);
        _goals.Add(goal);
        Raise(new ArchiveGoalChanged(StudentId, goal.Id, "set"));
        return goal;
    }

    /// <summary>Changes a goal's status and/or adds a progress note. The goal must have been loaded with the archive.</summary>
    public ArchiveGoal UpdateGoal(Guid goalId, GoalStatus? status, string? progressNote, ArchiveAuthor author, DateTimeOffset at, bool consentRequired)
    {
        var goal = _goals.SingleOrDefault(g => g.Id == goalId) ?? throw new DomainValidationException(nameof(goalId), new("该档案中没有这个发展目标。", "No such goal in this archive."));
        DemandConsent(ConsentScope.Goals, consentRequired);
        goal.Update(status, progressNote, author, at);
        Raise(new ArchiveGoalChanged(StudentId, goal.Id, status is null ? "noted" : $"status:{goal.Status}"));
        return goal;
    }

    public GuardianConsent RecordConsent(string guardianName, string relation, DateOnly grantedOn, ConsentMethod method, ConsentScope scopes, Guid? recordedBy, DateTimeOffset at)
    {
        // A new consent replaces the one in force; both stay as history.
        ConsentInForce?.Withdraw(recordedBy, at);
        var consent = new GuardianConsent(Id, guardianName, relation, grantedOn, method, scopes, recordedBy, at);
        _consents.Add(consent);
        Raise(new GuardianConsentChanged(StudentId, consent.Id, Granted: true));
        return consent;
    }

    public void WithdrawConsent(Guid? by, DateTimeOffset at)
    {
        var consent = ConsentInForce ?? throw new ConflictException(new("该学生目前没有有效的监护人知情同意。", "No guardian consent is in force for this student."));
        consent.Withdraw(by, at);
        Raise(new GuardianConsentChanged(StudentId, consent.Id, Granted: false));
    }

    /// <summary>
    /// Removes every section version and goal (a guardian's request after withdrawal, or a departed student: PIPL
    /// Art. 47). The archive must have been loaded whole. Consent records stay: they are the legal basis of what was kept.
    /// </summary>
    public void Erase(string reason, ArchiveAuthor by, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainValidationException(nameof(reason), new("删除档案须说明原因。", "An erasure states its reason."));
        var versions = _entries.Count;
        var goals = _goals.Count;
        _entries.Clear();
        _goals.Clear();
        ErasedAt = at;
        Version++;
        Raise(new ArchiveErased(StudentId, reason.Trim(), versions, goals, by));
    }

    private void DemandConsent(ConsentScope scope, bool consentRequired)
    {
        if (!consentRequired) return;
        if (ConsentInForce is not { } consent)
            throw new RuleViolationException("R8", new("该学生尚无监护人知情同意记录；未取得同意前不能填写档案。", "No guardian consent is on record for this student; the archive is not written without it."),
                new { missingScope = scope });
        if (!consent.Scopes.HasFlag(scope))
        {
            var name = ScopeName(scope);
            throw new RuleViolationException("R8", new($"监护人知情同意未包含“{name.Chinese}”。", $"The guardian's consent does not cover {name.English}."), new { missingScope = scope });
        }
    }

    /// <summary>A consent scope as the caller reads it: in Chinese, and in English as the API spells it (camelCase).</summary>
    private static LocalizedText ScopeName(ConsentScope scope) => scope switch
    {
        ConsentScope.Archive => new("档案常规栏目", "archive"),
        ConsentScope.SensitiveSections => new("档案敏感栏目", "sensitiveSections"),
        ConsentScope.Goals => new("发展目标", "goals"),
        _ => new("所需的同意范围", "the required scope"),
    };
}

/// <summary>One version of one section: written once; its text is re-sealed under a newer key when the key ring rotates.</summary>
public sealed class ArchiveEntry : Entity, ITenantOwned
{
    private ArchiveEntry(Guid id) : base(id) { }

    internal ArchiveEntry(Guid archiveId, ArchiveSection section, int version, string content, ArchiveAuthor author, DateTimeOffset writtenAt)
    {
        ArchiveId = archiveId;
        Section = section;
        Version = version;
        Content = content;
        AuthorId = author.UserId;
        AuthorName = author.Name;
        WrittenAt = writtenAt;
    }

    public Guid ArchiveId { get; private set; }
    public ArchiveSection Section { get; private set; }
    public int Version { get; private set; }

    /// <summary>The section as JSON; sealed ciphertext for the sections encrypted at rest.</summary>
    public string Content { get; private set; } = null!;

    public Guid? AuthorId { get; private set; }
    public string? AuthorName { get; private set; }
    public DateTimeOffset WrittenAt { get; private set; }

    internal void Reseal(string content) => Content = content;
}

public enum GoalKind
{
    LongTerm,
    Stage,
}

public enum GoalStatus
{
    Open,
    Achieved,
    Dropped,
}

/// <summary>A development goal (发展性原则): long-term or for a stage, set by a mentor or the student, with progress notes.</summary>
public sealed class ArchiveGoal : Entity, ITenantOwned
{
    public const int MaxProgressNotes = 100;

    private readonly List<GoalProgressNote> _notes = [];

    private ArchiveGoal(Guid id) : base(id) { }

    internal ArchiveGoal(Guid archiveId, GoalKind kind, string title, DateOnly? targetDate, ArchiveAuthor author, DateTimeOffset at)
    {
        ArchiveId = archiveId;
        Kind = kind;
        Title = string.IsNullOrWhiteSpace(title) ? throw new DomainValidationException(nameof(title), new("发展目标须填写标题。", "A goal has a title.")) : title.Trim();
        TargetDate = targetDate;
        SetById = author.UserId;
        SetByName = author.Name;
        SetAt = at;
        UpdatedAt = at;
    }

    public Guid ArchiveId { get; private set; }
    public GoalKind Kind { get; private set; }
    public string Title { get; private set; } = null!;
    public DateOnly? TargetDate { get; private set; }
    public GoalStatus Status { get; private set; } = GoalStatus.Open;
    public Guid? SetById { get; private set; }
    public string? SetByName { get; private set; }
    public DateTimeOffset SetAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<GoalProgressNote> ProgressNotes => _notes.AsReadOnly();

    internal void Update(GoalStatus? status, string? note, ArchiveAuthor author, DateTimeOffset at)
    {
        if (status is null && string.IsNullOrWhiteSpace(note))
            throw new DomainValidationException("status", new("请更改状态或添加进展记录。", "Change the status or add a progress note."));
        if (status is { } s) Status = s;
        if (!string.IsNullOrWhiteSpace(note))
        {
            if (_notes.Count >= MaxProgressNotes) throw new ConflictException(new($"每个发展目标最多保留 {MaxProgressNotes} 条进展记录。", $"A goal keeps at most {MaxProgressNotes} progress notes."));
            _notes.Add(new GoalProgressNote(note.Trim(), author.UserId, author.Name, at));
        }
        UpdatedAt = at;
    }
}

public sealed record GoalProgressNote(string Text, Guid? AuthorId, string? AuthorName, DateTimeOffset At);

public sealed record ArchiveSectionWritten(Guid StudentId, ArchiveSection Section, int Version) : DomainEvent<ArchiveSectionWritten>;

public sealed record ArchiveGoalChanged(Guid StudentId, Guid GoalId, string Change) : DomainEvent<ArchiveGoalChanged>;

public sealed record GuardianConsentChanged(Guid StudentId, Guid ConsentId, bool Granted) : DomainEvent<GuardianConsentChanged>;

public sealed record ArchiveErased(Guid StudentId, string Reason, int Versions, int Goals, ArchiveAuthor By) : DomainEvent<ArchiveErased>;

/// <summary>What part of an archive was read; each read is one line of the audit log.</summary>
public enum ArchiveReadKind
{
    Archive,
    History,
    Goals,
    Consent,
    Export,
}

/// <summary>Someone read (or tried to read, <paramref name="Refused"/>) a student's archive: a fact for the audit log (R8).</summary>
public sealed record ArchiveRead(Guid StudentId, ArchiveReadKind What, ArchiveSection? Section, bool Refused) : DomainEvent<ArchiveRead>;
