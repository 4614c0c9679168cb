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
/// The cap across all groups of the semester (R3) is kept by the <see cref="MentorLoadLedger"/> each change takes.
/// </summary>
public sealed class MentorGroup : AggregateRoot, ITenantOwned
{
    private readonly List<Guid> _mentorIds = [];
    private readonly List<StudentPreference> _preferences = [];
    private readonly List<MentorWelcome> _welcomes = [];
    private readonly List<MentorAssignment> _assignments = [];

    private MentorGroup(Guid id) : base(id) { }

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

    /// <summary>Every pair of the group, current and ended; pairs end (rather than vanish) once the group is published.</summary>
    public IReadOnlyList<MentorAssignment> AllAssignments => _assignments.AsReadOnly();

    /// <summary>Who mentors whom now.</summary>
    public IReadOnlyList<MentorAssignment> Assignments => [.. _assignments.Where(a => a.IsCurrent)];

    /// <summary>Pairs that ended after publishing: who mentored whom until when, and why (R15).</summary>
    public IReadOnlyList<MentorAssignment> EndedAssignments => [.. _assignments.Where(a => !a.IsCurrent)];

    public bool HasMentor(Guid teacherId) => _mentorIds.Contains(teacherId);

    public IEnumerable<Guid> MentorsOf(Guid studentId) => Current.Where(a => a.StudentId == studentId).Select(a => a.MentorId);

    public int LoadOf(Guid mentorId) => Current.Count(a => a.MentorId == mentorId);

    /// <summary>Mentees per mentor in this group.</summary>
    public Dictionary<Guid, int> LoadByMentor() => Current.GroupBy(a => a.MentorId).ToDictionary(g => g.Key, g => g.Count());

    private IEnumerable<MentorAssignment> Current => _assignments.Where(a => a.IsCurrent);

    /// <summary>Any active teacher of the school may join (R2).</summary>
    public void AddMentor(Guid teacherId)
    {
        EnsureNotPublished();
        if (_mentorIds.Contains(teacherId)) throw new ConflictException(new("该教师已是本导师团的导师。", "The teacher is already a mentor of this group."));
        _mentorIds.Add(teacherId);
        Touch();
    }

    public void RemoveMentor(Guid teacherId)
    {
        EnsureNotPublished();
        if (!_mentorIds.Contains(teacherId)) throw new ConflictException(new("该教师不是本导师团的导师。", "The teacher is not a mentor of this group."));
        if (Current.Any(a => a.MentorId == teacherId))
            throw new ConflictException(new("该导师在本导师团中仍有受导学生，请先为这些学生调整导师。", "The mentor still has mentees in this group; reassign them first."));
        _mentorIds.Remove(teacherId);
        foreach (var preference in _preferences) preference.RankedMentorIds.Remove(teacherId);
        _welcomes.RemoveAll(w => w.TeacherId == teacherId);
        Touch();
    }

    /// <summary>Opens two-way selection (R4), or reopens it after matching.</summary>
    public void OpenSelection(DateOnly closesOn, DateOnly today)
    {
        if (Phase is not (MentorGroupPhase.Draft or MentorGroupPhase.Matched))
            throw new ConflictException(new($"导师团当前为“{PhaseName(Phase).Chinese}”状态，不能开启双向选择。", $"Selection cannot be opened in phase {PhaseName(Phase).English}."));
        if (closesOn < today) throw new DomainValidationException("closesOn", new("双向选择的截止日期已过。", "The closing day has passed."));
        if (_mentorIds.Count == 0) throw new ConflictException(new("本导师团尚无导师。", "The group has no mentors yet."));
        Phase = MentorGroupPhase.SelectionOpen;
        SelectionClosesOn = closesOn;
        Touch();
    }

    /// <summary>A student's ranking of the group's mentors, most wanted first (R4).</summary>
    public void SetPreferences(Guid studentId, IReadOnlyList<Guid> rankedMentorIds, int maxPreferences)
    {
        EnsureSelectionOpen();
        if (rankedMentorIds.Count > maxPreferences)
            throw new DomainValidationException("rankedMentorIds", new($"最多只能填报 {maxPreferences} 位导师。", $"Rank at most {maxPreferences} mentors."));
        if (rankedMentorIds.Distinct().Count() != rankedMentorIds.Count)
            throw new DomainValidationException("rankedMentorIds", new("同一位导师只能填报一次。", "A mentor can be ranked only once."));
        if (FirstOutsider(rankedMentorIds) is { } outsider)
            throw new DomainValidationException("rankedMentorIds", new($"{outsider} 不是本导师团的导师。", $"{outsider} is not a mentor of this group."));

        _preferences.RemoveAll(p => p.StudentId == studentId);
        if (rankedMentorIds.Count > 0) _preferences.Add(new StudentPreference(studentId, [.. rankedMentorIds]));
        Touch();
    }

    /// <summary>The students a mentor welcomes; they come first in the mentor's ranking (R4).</summary>
    public void SetWelcomed(Guid teacherId, IReadOnlyCollection<Guid> studentIds)
    {
        EnsureSelectionOpen();
        if (!_mentorIds.Contains(teacherId)) throw new DomainValidationException("teacherId", new("该教师不是本导师团的导师。", "The teacher is not a mentor of this group."));
        _welcomes.RemoveAll(w => w.TeacherId == teacherId);
        if (studentIds.Count > 0) _welcomes.Add(new MentorWelcome(teacherId, [.. studentIds.Distinct()]));
        Touch();
    }

    /// <summary>
    /// Runs two-way selection for the class's active students and keeps the head teacher's manual
    /// assignments; the result replaces earlier matched and auto-assigned placements. Each mentor's room is
    /// what <paramref name="ledger"/> leaves under the cap (R3) plus the placements here that the run replaces.
    /// </summary>
    public MatchResult Match(IReadOnlyList<MatchStudent> students, IReadOnlyList<AvailableMentor> mentors, MentorLoadLedger ledger, DateTimeOffset now)
    {
        if (Phase is not (MentorGroupPhase.SelectionOpen or MentorGroupPhase.Matched or MentorGroupPhase.Draft))
            throw new ConflictException(new($"导师团当前为“{PhaseName(Phase).Chinese}”状态，不能进行匹配。", $"Matching cannot run in phase {PhaseName(Phase).English}."));
        ledger.EnsureFor(SemesterId);

        var placedByHand = Current.Where(a => a.Source == AssignmentSource.Manual).Select(a => a.StudentId).ToHashSet();
        var replaceable = Current.Where(a => a.Source != AssignmentSource.Manual).GroupBy(a => a.MentorId).ToDictionary(g => g.Key, g => g.Count());
        var candidates = mentors.Select(m =>
        {
            var here = replaceable.GetValueOrDefault(m.Id);
            var welcomed = _welcomes.FirstOrDefault(w => w.TeacherId == m.Id)?.StudentIds.ToHashSet() ?? [];
            return new MatchMentor(m.Id, ledger.RoomFor(m.Id) + here, ledger.MenteesOf(m.Id) - here, m.TeachesClass, welcomed);
        }).ToList();
        var result = MentorMatching.Match(students.Where(s => !placedByHand.Contains(s.Id)).ToList(), candidates);

        var wanted = result.Matched.Select(p => (p, AssignmentSource.Matched)).Concat(result.AutoAssigned.Select(p => (p, AssignmentSource.AutoAssigned)))
            .ToDictionary(x => (x.p.StudentId, x.p.MentorId));
        var after = Current.Where(a => a.Source == AssignmentSource.Manual).Select(a => a.MentorId).Concat(wanted.Keys.Select(k => k.MentorId))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        ledger.Move(LoadByMentor(), after);

        // Pairs that survive a rerun keep their row; only real changes are written.
        _assignments.RemoveAll(a => a.IsCurrent && a.Source != AssignmentSource.Manual && !wanted.ContainsKey((a.StudentId, a.MentorId)));
        foreach (var kept in Current.Where(a => a.Source != AssignmentSource.Manual))
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
    /// The head teacher sets a student's mentors, before or after publishing (R4), within each mentor's room
    /// (R3). Several mentors only for priority-care students, at most <paramref name="maxMentorsPerStudent"/> (R5).
    /// An adjustment after publishing is recorded, and the pairs it drops end instead of vanishing.
    /// </summary>
    public void Assign(Guid studentId, bool isPriorityCare, IReadOnlyList<Guid> mentorIds, int maxMentorsPerStudent, MentorLoadLedger ledger, DateTimeOffset now)
    {
        if (Phase == MentorGroupPhase.SelectionOpen)
            throw new ConflictException(new("双向选择正在进行：请先完成匹配，再调整结对。", "Selection is open: match first, then adjust."));
        if (mentorIds.Count == 0) throw new DomainValidationException("mentorIds", new("请至少指定一位导师。", "Name at least one mentor."));
        if (mentorIds.Distinct().Count() != mentorIds.Count) throw new DomainValidationException("mentorIds", new("同一位导师只能指定一次。", "A mentor can be named only once."));
        if (FirstOutsider(mentorIds) is { } outsider)
            throw new DomainValidationException("mentorIds", new($"{outsider} 不是本导师团的导师。", $"{outsider} is not a mentor of this group."));
        if (mentorIds.Count > 1 && !isPriorityCare)
            throw new RuleViolationException("R5", new("只有特别关注学生才能配备多位导师。", "Only priority-care students may have several mentors."), new { studentId });
        if (mentorIds.Count > maxMentorsPerStudent)
            throw new RuleViolationException("R5", new($"每名学生最多配备 {maxMentorsPerStudent} 位导师。", $"A student may have at most {maxMentorsPerStudent} mentors."), new { studentId, maxMentorsPerStudent });
        ledger.EnsureFor(SemesterId);

        var before = MentorsOf(studentId).ToList();
        var loads = LoadByMentor();
        var after = new Dictionary<Guid, int>(loads);
        foreach (var dropped in before.Except(mentorIds)) after[dropped]--;
        foreach (var added in mentorIds.Except(before)) after[added] = after.GetValueOrDefault(added) + 1;
        ledger.Move(loads, after);

        foreach (var pair in Current.Where(a => a.StudentId == studentId).ToList())
        {
            if (mentorIds.Contains(pair.MentorId)) pair.Restate(AssignmentSource.Manual, null);
            else End(pair, AssignmentEndReason.Reassigned, now);
        }
        foreach (var mentorId in mentorIds.Except(before))
            _assignments.Add(new MentorAssignment(Id, SemesterId, studentId, mentorId, AssignmentSource.Manual, null, now));
        Touch();

        if (Phase == MentorGroupPhase.Published)
            Raise(new AssignmentAdjusted(Id, studentId, before, [.. mentorIds], now));
        else
            foreach (var mentorId in mentorIds.Except(before)) Raise(new MentorAssigned(Id, studentId, mentorId));
    }

    /// <summary>A student who left the class or the school leaves their mentors here, and the places are freed (R15, R3).</summary>
    public void ReleaseStudent(Guid studentId, AssignmentEndReason reason, MentorLoadLedger ledger, DateTimeOffset now)
    {
        _preferences.RemoveAll(p => p.StudentId == studentId);
        foreach (var welcome in _welcomes) welcome.StudentIds.Remove(studentId);
        Release(Current.Where(a => a.StudentId == studentId).ToList(), reason, ledger, now);
    }

    /// <summary>A mentor who left the school leaves their mentees here; the students become uncovered (R15, R1).</summary>
    public void ReleaseMentor(Guid teacherId, AssignmentEndReason reason, MentorLoadLedger ledger, DateTimeOffset now) =>
        Release(Current.Where(a => a.MentorId == teacherId).ToList(), reason, ledger, now);

    private void Release(List<MentorAssignment> pairs, AssignmentEndReason reason, MentorLoadLedger ledger, DateTimeOffset now)
    {
        if (pairs.Count == 0) return;
        ledger.EnsureFor(SemesterId);
        var loads = LoadByMentor();
        var after = new Dictionary<Guid, int>(loads);
        foreach (var pair in pairs) after[pair.MentorId]--;
        ledger.Move(loads, after);

        foreach (var pair in pairs) End(pair, reason, now);
        Touch();
        foreach (var student in pairs.GroupBy(p => p.StudentId))
            Raise(new MentorsReleased(Id, SemesterId, student.Key, [.. student.Select(p => p.MentorId)], reason));
    }

    /// <summary>A published pair gave the mentor reach (R16), so it is kept as history; a draft pair is simply dropped.</summary>
    private void End(MentorAssignment pair, AssignmentEndReason reason, DateTimeOffset now)
    {
        if (Phase == MentorGroupPhase.Published) pair.End(reason, now);
        else _assignments.Remove(pair);
    }

    /// <summary>Publishes the mentor list (R6) once every active student of the class has a mentor (R1).</summary>
    public void Publish(IReadOnlyCollection<Guid> activeStudentIds, DateTimeOffset now)
    {
        if (Phase is MentorGroupPhase.Published) throw new ConflictException(new("导师团已发布。", "The group is already published."));
        if (Phase is MentorGroupPhase.SelectionOpen) throw new ConflictException(new("双向选择仍在进行：请先完成匹配。", "Selection is still open: match first."));
        var covered = Current.Select(a => a.StudentId).ToHashSet();
        var uncovered = activeStudentIds.Where(id => !covered.Contains(id)).ToList();
        if (uncovered.Count > 0)
            throw new RuleViolationException("R1", new($"有 {uncovered.Count} 名学生尚未配备导师。", $"{uncovered.Count} student(s) have no mentor."), new { uncoveredStudentIds = uncovered });

        Phase = MentorGroupPhase.Published;
        PublishedAt = now;
        Touch();
        Raise(new MentorGroupPublished(Id, ClassId, SemesterId));
    }

    private Guid? FirstOutsider(IEnumerable<Guid> ids) => ids.Where(id => !_mentorIds.Contains(id)).Select(id => (Guid?)id).FirstOrDefault();

    private void EnsureSelectionOpen()
    {
        if (Phase != MentorGroupPhase.SelectionOpen)
            throw new ConflictException(new($"只有在双向选择期间才能更改志愿（导师团当前为“{PhaseName(Phase).Chinese}”状态）。", $"Preferences can change only while selection is open (phase {PhaseName(Phase).English})."));
    }

    private void EnsureNotPublished()
    {
        if (Phase == MentorGroupPhase.Published) throw new ConflictException(new("导师团已发布，请改为调整结对。", "The group is published; adjust assignments instead."));
    }

    private void Touch() => Version = Guid.NewGuid();

    /// <summary>A phase as a refusal names it: the API's value in English, the plan's word in Chinese.</summary>
    private static LocalizedText PhaseName(MentorGroupPhase phase) => phase switch
    {
        MentorGroupPhase.Draft => new("草稿", "draft"),
        MentorGroupPhase.SelectionOpen => new("双向选择中", "selectionOpen"),
        MentorGroupPhase.Matched => new("已匹配", "matched"),
        MentorGroupPhase.Published => new("已发布", "published"),
        _ => new(phase.ToString(), phase.ToString()),
    };
}

/// <summary>A student's ranked mentors.</summary>
public sealed record StudentPreference(Guid StudentId, List<Guid> RankedMentorIds);

/// <summary>The students a mentor welcomes.</summary>
public sealed record MentorWelcome(Guid TeacherId, List<Guid> StudentIds);

/// <summary>One mentor–mentee pair of a group (导师结对).</summary>
public sealed class MentorAssignment : Entity, ITenantOwned
{
    private MentorAssignment(Guid id) : base(id) { }

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

    /// <summary>When the pair ended; null while it lasts.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public AssignmentEndReason? EndReason { get; private set; }

    public bool IsCurrent => EndedAt is null;

    internal void End(AssignmentEndReason reason, DateTimeOffset at)
    {
        EndedAt = at;
        EndReason = reason;
    }

    internal void Restate(AssignmentSource source, int? choiceRank)
    {
        Source = source;
        ChoiceRank = choiceRank;
    }
}

/// <summary>Why a mentor–mentee pair ended.</summary>
public enum AssignmentEndReason
{
    /// <summary>The head teacher gave the student other mentors.</summary>
    Reassigned,
    /// <summary>The student left the school (deactivated).</summary>
    StudentLeft,
    /// <summary>The student moved to another class.</summary>
    StudentTransferred,
    /// <summary>The mentor left the school (deactivated).</summary>
    MentorLeft,
}

/// <summary>A mentor that matching may place students with: an active mentor of the group, and whether they teach the class.</summary>
public sealed record AvailableMentor(Guid Id, bool TeachesClass);

public sealed record MentorAssigned(Guid GroupId, Guid StudentId, Guid MentorId) : DomainEvent<MentorAssigned>;

/// <summary>A student's pairs in a group ended, and the mentors' places were freed (R15).</summary>
public sealed record MentorsReleased(Guid GroupId, Guid SemesterId, Guid StudentId, IReadOnlyList<Guid> MentorIds, AssignmentEndReason Reason)
    : DomainEvent<MentorsReleased>;

public sealed record MentorGroupPublished(Guid GroupId, Guid ClassId, Guid SemesterId) : DomainEvent<MentorGroupPublished>;

public sealed record AssignmentAdjusted(Guid GroupId, Guid StudentId, IReadOnlyList<Guid> From, IReadOnlyList<Guid> To, DateTimeOffset At)
    : DomainEvent<AssignmentAdjusted>;
