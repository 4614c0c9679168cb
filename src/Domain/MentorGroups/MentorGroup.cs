using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.MentorGroups;

public enum MentorGroupPhase
{
    Draft,
    SelectionOpen,
    Matched,
    Published,
}

/// <summary>Where an assignment came from.</summary>
public enum AssignmentSource
{
    /// <summary>Two-way selection placed the student with a mentor they ranked.</summary>
    Matched,
    /// <summary>The student ranked nobody or was refused everywhere, and went to the least-loaded mentor.</summary>
    AutoAssigned,
    /// <summary>The head teacher placed or adjusted it.</summary>
    Manual,
}

/// <summary>
/// A class mentor group (班级导师团) for one semester: the mentors, the students' and mentors' preferences, and
/// who mentors whom. It moves through <c>draft → selectionOpen → matched → published</c> (R4) and guards
/// full coverage (R1), the one-mentor rule with its priority-care exception (R5), and its own phases.
/// The cap across all groups of the semester (R3) is guarded by <see cref="MentorLoad"/>.
/// </summary>
public sealed class MentorGroup : AggregateRoot, ITenantOwned
{
    private readonly List<Guid> _mentorIds = [];
    private readonly List<StudentPreference> _preferences = [];
    private readonly List<MentorWelcome> _welcomes = [];
    private readonly List<MentorAssignment> _assignments = [];

    private MentorGroup() { }

    public MentorGroup(Guid classId, Guid semesterId, IEnumerable<Guid> mentorIds, DateTimeOffset now)
    {
        ClassId = classId;
        SemesterId = semesterId;
        CreatedAt = now;
        foreach (var mentorId in mentorIds.Distinct()) _mentorIds.Add(mentorId);
    }

    public Guid ClassId { get; private set; }
    public Guid SemesterId { get; private set; }
    public MentorGroupPhase Phase { get; private set; } = MentorGroupPhase.Draft;
    public DateOnly? SelectionClosesOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Changes on every change of the group, so two concurrent edits cannot both win.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<Guid> MentorIds => _mentorIds.AsReadOnly();
    public IReadOnlyList<StudentPreference> Preferences => _preferences.AsReadOnly();
    public IReadOnlyList<MentorWelcome> Welcomes => _welcomes.AsReadOnly();
    public IReadOnlyList<MentorAssignment> Assignments => _assignments.AsReadOnly();

    public bool HasMentor(Guid teacherId) => _mentorIds.Contains(teacherId);

    public IEnumerable<Guid> MentorsOf(Guid studentId) => _assignments.Where(a => a.StudentId == studentId).Select(a => a.MentorId);

    public int LoadOf(Guid mentorId) => _assignments.Count(a => a.MentorId == mentorId);

    /// <summary>Mentees per mentor in this group, for bookkeeping of <see cref="MentorLoad"/>.</summary>
    public Dictionary<Guid, int> LoadByMentor() => _assignments.GroupBy(a => a.MentorId).ToDictionary(g => g.Key, g => g.Count());

    public int ManualLoadOf(Guid mentorId) => _assignments.Count(a => a.MentorId == mentorId && a.Source == AssignmentSource.Manual);

    /// <summary>Any active teacher of the school may join (R2).</summary>
    public void AddMentor(Guid teacherId)
    {
        EnsureNotPublished();
        if (_mentorIds.Contains(teacherId)) throw new ConflictException("The teacher is already a mentor of this group.");
        _mentorIds.Add(teacherId);
        Touch();
    }

    public void RemoveMentor(Guid teacherId)
    {
        EnsureNotPublished();
        if (!_mentorIds.Contains(teacherId)) throw new ConflictException("The teacher is not a mentor of this group.");
        if (_assignments.Any(a => a.MentorId == teacherId))
            throw new ConflictException("The mentor still has mentees in this group; reassign them first.");
        _mentorIds.Remove(teacherId);
        foreach (var preference in _preferences) preference.RankedMentorIds.Remove(teacherId);
        _welcomes.RemoveAll(w => w.TeacherId == teacherId);
        Touch();
    }

    /// <summary>Opens two-way selection (R4), or reopens it after matching.</summary>
    public void OpenSelection(DateOnly closesOn, DateOnly today)
    {
        if (Phase is not (MentorGroupPhase.Draft or MentorGroupPhase.Matched))
            throw new ConflictException($"Selection cannot be opened in phase {Phase}.");
        if (closesOn < today) throw new DomainValidationException("closesOn", "The closing day has passed.");
        if (_mentorIds.Count == 0) throw new ConflictException("The group has no mentors yet.");
        Phase = MentorGroupPhase.SelectionOpen;
        SelectionClosesOn = closesOn;
        Touch();
    }

    /// <summary>A student's ranking of the group's mentors, most wanted first (R4).</summary>
    public void SetPreferences(Guid studentId, IReadOnlyList<Guid> rankedMentorIds, int maxPreferences)
    {
        EnsureSelectionOpen();
        if (rankedMentorIds.Count > maxPreferences)
            throw new DomainValidationException("rankedMentorIds", $"Rank at most {maxPreferences} mentors.");
        if (rankedMentorIds.Distinct().Count() != rankedMentorIds.Count)
            throw new DomainValidationException("rankedMentorIds", "A mentor can be ranked only once.");
        if (FirstOutsider(rankedMentorIds) is { } outsider)
            throw new DomainValidationException("rankedMentorIds", $"{outsider} is not a mentor of this group.");

        _preferences.RemoveAll(p => p.StudentId == studentId);
        if (rankedMentorIds.Count > 0) _preferences.Add(new StudentPreference(studentId, [.. rankedMentorIds]));
        Touch();
    }

    /// <summary>The students a mentor welcomes; they come first in the mentor's ranking (R4).</summary>
    public void SetWelcomed(Guid teacherId, IReadOnlyCollection<Guid> studentIds)
    {
        EnsureSelectionOpen();
        if (!_mentorIds.Contains(teacherId)) throw new DomainValidationException("teacherId", "The teacher is not a mentor of this group.");
        _welcomes.RemoveAll(w => w.TeacherId == teacherId);
        if (studentIds.Count > 0) _welcomes.Add(new MentorWelcome(teacherId, [.. studentIds.Distinct()]));
        Touch();
    }

    /// <summary>
    /// Runs two-way selection for the class's active students and keeps the head teacher's manual
    /// assignments; the result replaces earlier matched and auto-assigned placements.
    /// </summary>
    public MatchResult Match(IReadOnlyList<MatchStudent> students, IReadOnlyList<MatchMentor> mentors, DateTimeOffset now)
    {
        if (Phase is not (MentorGroupPhase.SelectionOpen or MentorGroupPhase.Matched or MentorGroupPhase.Draft))
            throw new ConflictException($"Matching cannot run in phase {Phase}.");

        var placedByHand = _assignments.Where(a => a.Source == AssignmentSource.Manual).Select(a => a.StudentId).ToHashSet();
        var result = MentorMatching.Match(students.Where(s => !placedByHand.Contains(s.Id)).ToList(), mentors);

        // Pairs that survive a rerun keep their row; only real changes are written.
        var wanted = result.Matched.Select(p => (p, AssignmentSource.Matched)).Concat(result.AutoAssigned.Select(p => (p, AssignmentSource.AutoAssigned)))
            .ToDictionary(x => (x.p.StudentId, x.p.MentorId));
        _assignments.RemoveAll(a => a.Source != AssignmentSource.Manual && !wanted.ContainsKey((a.StudentId, a.MentorId)));
        foreach (var kept in _assignments.Where(a => a.Source != AssignmentSource.Manual))
        {
            var (placement, source) = wanted[(kept.StudentId, kept.MentorId)];
            kept.Restate(source, placement.ChoiceRank);
            wanted.Remove((kept.StudentId, kept.MentorId));
        }
        foreach (var (placement, source) in wanted.Values)
        {
            _assignments.Add(new MentorAssignment(Id, SemesterId, placement.StudentId, placement.MentorId, source, placement.ChoiceRank, now));
            Raise(new MentorAssigned(Id, placement.StudentId, placement.MentorId));
        }

        Phase = MentorGroupPhase.Matched;
        Touch();
        return result;
    }

    /// <summary>
    /// The head teacher sets a student's mentors, before or after publishing (R4). Several mentors only for
    /// priority-care students, at most <paramref name="maxMentorsPerStudent"/> (R5). An adjustment after
    /// publishing is recorded.
    /// </summary>
    public void Assign(Guid studentId, bool isPriorityCare, IReadOnlyList<Guid> mentorIds, int maxMentorsPerStudent, DateTimeOffset now)
    {
        if (Phase == MentorGroupPhase.SelectionOpen)
            throw new ConflictException("Selection is open: match first, then adjust.");
        if (mentorIds.Count == 0) throw new DomainValidationException("mentorIds", "Name at least one mentor.");
        if (mentorIds.Distinct().Count() != mentorIds.Count) throw new DomainValidationException("mentorIds", "A mentor can be named only once.");
        if (FirstOutsider(mentorIds) is { } outsider)
            throw new DomainValidationException("mentorIds", $"{outsider} is not a mentor of this group.");
        if (mentorIds.Count > 1 && !isPriorityCare)
            throw new RuleViolationException("R5", "Only priority-care students may have several mentors.", new { studentId });
        if (mentorIds.Count > maxMentorsPerStudent)
            throw new RuleViolationException("R5", $"A student may have at most {maxMentorsPerStudent} mentors.", new { studentId, maxMentorsPerStudent });

        var before = MentorsOf(studentId).ToList();
        _assignments.RemoveAll(a => a.StudentId == studentId);
        foreach (var mentorId in mentorIds)
            _assignments.Add(new MentorAssignment(Id, SemesterId, studentId, mentorId, AssignmentSource.Manual, null, now));
        Touch();

        if (Phase == MentorGroupPhase.Published)
            Raise(new AssignmentAdjusted(Id, studentId, before, [.. mentorIds], now));
        else
            foreach (var mentorId in mentorIds.Except(before)) Raise(new MentorAssigned(Id, studentId, mentorId));
    }

    /// <summary>Publishes the mentor list (R6) once every active student of the class has a mentor (R1).</summary>
    public void Publish(IReadOnlyCollection<Guid> activeStudentIds, DateTimeOffset now)
    {
        if (Phase is MentorGroupPhase.Published) throw new ConflictException("The group is already published.");
        if (Phase is MentorGroupPhase.SelectionOpen) throw new ConflictException("Selection is still open: match first.");
        var covered = _assignments.Select(a => a.StudentId).ToHashSet();
        var uncovered = activeStudentIds.Where(id => !covered.Contains(id)).ToList();
        if (uncovered.Count > 0)
            throw new RuleViolationException("R1", $"{uncovered.Count} student(s) have no mentor.", new { uncoveredStudentIds = uncovered });

        Phase = MentorGroupPhase.Published;
        PublishedAt = now;
        Touch();
        Raise(new MentorGroupPublished(Id, ClassId, SemesterId));
    }

    private Guid? FirstOutsider(IEnumerable<Guid> ids) => ids.Where(id => !_mentorIds.Contains(id)).Select(id => (Guid?)id).FirstOrDefault();

    private void EnsureSelectionOpen()
    {
        if (Phase != MentorGroupPhase.SelectionOpen)
            throw new ConflictException($"Preferences can change only while selection is open (phase {Phase}).");
    }

    private void EnsureNotPublished()
    {
        if (Phase == MentorGroupPhase.Published) throw new ConflictException("The group is published; adjust assignments instead.");
    }

    private void Touch() => Version = Guid.NewGuid();
}

/// <summary>A student's ranked mentors.</summary>
public sealed record StudentPreference(Guid StudentId, List<Guid> RankedMentorIds);

/// <summary>The students a mentor welcomes.</summary>
public sealed record MentorWelcome(Guid TeacherId, List<Guid> StudentIds);

/// <summary>One mentor–mentee pair of a group (导师结对).</summary>
public sealed class MentorAssignment : Entity, ITenantOwned
{
    private MentorAssignment() { }

    public MentorAssignment(Guid groupId, Guid semesterId, Guid studentId, Guid mentorId, AssignmentSource source, int? choiceRank, DateTimeOffset assignedAt)
    {
        GroupId = groupId;
        SemesterId = semesterId;
        StudentId = studentId;
        MentorId = mentorId;
        Source = source;
        ChoiceRank = choiceRank;
        AssignedAt = assignedAt;
    }

    public Guid GroupId { get; private set; }
    public Guid SemesterId { get; private set; }
    public Guid StudentId { get; private set; }
    public Guid MentorId { get; private set; }
    public AssignmentSource Source { get; private set; }
    public int? ChoiceRank { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }

    internal void Restate(AssignmentSource source, int? choiceRank)
    {
        Source = source;
        ChoiceRank = choiceRank;
    }
}

public sealed record MentorAssigned(Guid GroupId, Guid StudentId, Guid MentorId) : IDomainEvent;

public sealed record MentorGroupPublished(Guid GroupId, Guid ClassId, Guid SemesterId) : IDomainEvent;

public sealed record AssignmentAdjusted(Guid GroupId, Guid StudentId, IReadOnlyList<Guid> From, IReadOnlyList<Guid> To, DateTimeOffset At) : IDomainEvent;
