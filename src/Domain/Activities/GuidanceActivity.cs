using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Activities;

/// <summary>What kind of guidance an activity was; the first three count towards the "three ones" (R9).</summary>
public enum ActivityKind
{
    /// <summary>谈心谈话: a heart-to-heart talk with one student.</summary>
    Talk,
    /// <summary>家访 / 家校沟通: a contact with one student's parents.</summary>
    ParentContact,
    /// <summary>评价反馈: feedback on one student's evaluation.</summary>
    EvaluationFeedback,
    /// <summary>座谈: a talk with several students at once.</summary>
    GroupTalk,
}

/// <summary>How a parent contact took place.</summary>
public enum ParentContactMode
{
    HomeVisit,
    FaceToFace,
    Phone,
    Online,
}

/// <summary>The five guidance domains of the mentor system (R10).</summary>
public enum GuidanceDomain
{
    /// <summary>思想引导</summary>
    Thinking,
    /// <summary>学业辅导</summary>
    Study,
    /// <summary>心理疏导</summary>
    Psychological,
    /// <summary>生活指导</summary>
    Life,
    /// <summary>成长向导</summary>
    Growth,
}

/// <summary>A follow-up action as its author states it; <paramref name="Id"/> names an existing one on an edit.</summary>
public sealed record FollowUpPlan(string Action, DateOnly DueOn, Guid? Id = null);

/// <summary>What an activity records: everything its author states, checked together by <see cref="GuidanceActivity"/>.</summary>
public sealed record ActivityDetails(
    ActivityKind Kind,
    ParentContactMode? Mode,
    IReadOnlyList<GuidanceDomain> Domains,
    string Summary,
    DateOnly OccurredOn,
    IReadOnlyList<Guid> StudentIds,
    IReadOnlyList<Guid> CoVisitorIds,
    IReadOnlyList<FollowUpPlan> FollowUps);

/// <summary>
/// Who may record for whom (R10, R16), as the application found it: each listed student's current mentors (from published
/// pairings of the semester) and the students whose class the recorder heads.
/// </summary>
public sealed class RecordingRights(IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> mentorsByStudent, IReadOnlySet<Guid> headedStudentIds)
{
    public IReadOnlySet<Guid> MentorsOf(Guid studentId) =>
        mentorsByStudent.TryGetValue(studentId, out var mentors) ? mentors : new HashSet<Guid>();

    public bool Heads(Guid studentId) => headedStudentIds.Contains(studentId);
}

/// <summary>
/// A guidance activity (导育活动): a talk, parent contact, evaluation feedback or group talk that a mentor records for
/// their mentees in a semester (R9, R10). Only its author changes it, and only until the semester has closed; a deletion
/// keeps the row, hidden, so what was recorded stays accountable.
/// </summary>
public sealed class GuidanceActivity : AggregateRoot, ITenantOwned, IVersioned
{
    public const int SummaryMaxLength = 2000;
    public const int ActionMaxLength = 500;

    private readonly List<ActivityStudent> _students = [];
    private readonly List<Guid> _coVisitorIds = [];
    private readonly List<GuidanceDomain> _domains = [];
    private readonly List<FollowUpAction> _followUps = [];

    private GuidanceActivity(Guid id) : base(id) { }

    private GuidanceActivity(Guid semesterId, Guid recordedById, DateTimeOffset at)
    {
        SemesterId = semesterId;
        RecordedById = recordedById;
        RecordedAt = at;
    }

    public Guid SemesterId { get; private set; }
    public ActivityKind Kind { get; private set; }
    public ParentContactMode? Mode { get; private set; }
    public string Summary { get; private set; } = null!;
    public DateOnly OccurredOn { get; private set; }

    /// <summary>The teacher who recorded it, its author.</summary>
    public Guid RecordedById { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset? EditedAt { get; private set; }
    public int Version { get; private set; } = 1;
    public DateTimeOffset? DeletedAt { get; private set; }
    public Guid? DeletedById { get; private set; }

    public IReadOnlyList<ActivityStudent> Students => _students.AsReadOnly();
    public IReadOnlyList<Guid> CoVisitorIds => _coVisitorIds.AsReadOnly();
    public IReadOnlyList<GuidanceDomain> Domains => _domains.AsReadOnly();
    public IReadOnlyList<FollowUpAction> FollowUps => _followUps.AsReadOnly();

    public bool IsDeleted => DeletedAt is not null;

    public IEnumerable<Guid> StudentIds => _students.Select(s => s.StudentId);

    /// <summary>
    /// Records an activity (R10): the recorder is a current mentor of every listed student, or the head teacher of the
    /// student's class for a joint home visit with the student's mentors as co-visitors; the day lies in the semester
    /// and not in the future.
    /// </summary>
    public static GuidanceActivity Record(ActivityDetails details, Guid semesterId, DateRange semesterDates, Guid recordedById,
        RecordingRights rights, DateOnly today, DateTimeOffset at)
    {
        if (today > semesterDates.End)
            throw new RuleViolationException("R10", new("本学期已结束，不能再为其记录育人活动。", "The semester has closed; no activity is recorded for it any more."), new { semesterEndsOn = semesterDates.End });
        var activity = new GuidanceActivity(semesterId, recordedById, at);
        activity.Apply(details, semesterDates, rights, today);
        activity.Raise(new ActivityRecorded(activity.Id, semesterId, details.Kind, [.. activity.StudentIds], recordedById));
        return activity;
    }

    /// <summary>The author restates the activity; the same rules apply as when it was recorded, and the semester must still be open.</summary>
    public void Edit(ActivityDetails details, Guid editorId, DateRange semesterDates, RecordingRights rights, DateOnly today, DateTimeOffset at)
    {
        EnsureChangeableBy(editorId, semesterDates, today);
        Apply(details, semesterDates, rights, today);
        EditedAt = at;
        Version++;
        Raise(new ActivityEdited(Id, SemesterId, [.. StudentIds], editorId));
    }

    /// <summary>The author withdraws the activity: it no longer counts or shows, but the row and its audit trail stay.</summary>
    public void Delete(Guid byId, DateRange semesterDates, DateOnly today, DateTimeOffset at)
    {
        EnsureChangeableBy(byId, semesterDates, today);
        DeletedAt = at;
        DeletedById = byId;
        Version++;
        Raise(new ActivityDeleted(Id, SemesterId, [.. StudentIds], byId));
    }

    /// <summary>Marks a follow-up action done on <paramref name="completedOn"/>; only the author, while the semester is open.</summary>
    public FollowUpAction CompleteFollowUp(Guid followUpId, Guid byId, DateOnly completedOn, DateRange semesterDates, DateOnly today)
    {
        EnsureChangeableBy(byId, semesterDates, today);
        var followUp = _followUps.SingleOrDefault(f => f.Id == followUpId)
                       ?? throw new DomainValidationException("followUpId", new("该育人活动记录中没有这项跟进措施。", "No such follow-up action in this activity."));
        if (followUp.CompletedOn is not null) throw new ConflictException(new("该跟进措施已完成。", "The follow-up action is already completed."));
        if (completedOn > today)
            throw new RuleViolationException("R10", new("跟进措施的完成日期不能晚于今天。", "A follow-up action cannot be completed in the future."), new { completedOn, today });
        followUp.Complete(completedOn);
        Version++;
        Raise(new FollowUpCompleted(Id, followUp.Id, byId));
        return followUp;
    }

    /// <summary>Edits, deletions and completions belong to the author, and end once the semester has closed.</summary>
    public void EnsureChangeableBy(Guid teacherId, DateRange semesterDates, DateOnly today)
    {
        if (IsDeleted) throw new ConflictException(new("该育人活动记录已删除。", "The activity has been deleted."));
        if (teacherId != RecordedById) throw new ActivityNotOwnedException();
        if (today > semesterDates.End)
            throw new RuleViolationException("R10", new("本学期已结束，其育人活动记录不能再更改。", "The semester has closed; its activities can no longer change."), new { semesterEndsOn = semesterDates.End });
    }

    private void Apply(ActivityDetails details, DateRange semesterDates, RecordingRights rights, DateOnly today)
    {
        var studentIds = details.StudentIds;
        var coVisitors = details.CoVisitorIds.Distinct().ToList();
        CheckShape(details, studentIds, coVisitors);

        if (!semesterDates.Contains(details.OccurredOn))
            throw new RuleViolationException("R10", new("活动日期须在本学期之内。", "The activity must lie inside the semester."),
                new { occurredOn = details.OccurredOn, semesterStartsOn = semesterDates.Start, semesterEndsOn = semesterDates.End });
        if (details.OccurredOn > today)
            throw new RuleViolationException("R10", new("活动日期不能晚于今天。", "The activity cannot lie in the future."), new { occurredOn = details.OccurredOn, today });

        var jointHomeVisit = details.Kind == ActivityKind.ParentContact && details.Mode == ParentContactMode.HomeVisit;
        foreach (var studentId in studentIds)
        {
            var mentors = rights.MentorsOf(studentId);
            if (mentors.Contains(RecordedById)) continue;
            if (jointHomeVisit && rights.Heads(studentId))
            {
                if (coVisitors.Count == 0)
                    throw new RuleViolationException("R10", new("班主任记录的家访须为与导师共同家访：请列出一同家访的该学生导师。", "A head teacher records a home visit jointly: list the student's mentors who joined it."), new { studentId });
                if (coVisitors.FirstOrDefault(id => !mentors.Contains(id)) is var outsider && outsider != Guid.Empty)
                    throw new RuleViolationException("R10", new("班主任家访时，每位共同家访的导师都须是该学生的导师。", "Every co-visitor of a head teacher's home visit must be a mentor of the student."), new { studentId, coVisitorId = outsider });
                continue;
            }
            throw new RuleViolationException("R10", new("只有所列每名学生的现任导师才能为其记录育人活动。", "Only a current mentor of every listed student records an activity for them."), new { studentId });
        }

        Kind = details.Kind;
        Mode = details.Mode;
        Summary = details.Summary.Trim();
        OccurredOn = details.OccurredOn;
        _domains.Clear();
        _domains.AddRange(details.Domains.Distinct());
        _coVisitorIds.Clear();
        _coVisitorIds.AddRange(coVisitors);
        _students.RemoveAll(s => !studentIds.Contains(s.StudentId));
        foreach (var studentId in studentIds.Where(id => _students.All(s => s.StudentId != id)))
            _students.Add(new ActivityStudent(Id, studentId));
        ReplaceFollowUps(details.FollowUps);
    }

    private void CheckShape(ActivityDetails details, IReadOnlyList<Guid> studentIds, List<Guid> coVisitors)
    {
        if (studentIds.Count == 0) throw new DomainValidationException("studentIds", new("请至少列出一名学生。", "List at least one student."));
        if (studentIds.Distinct().Count() != studentIds.Count) throw new DomainValidationException("studentIds", new("同一名学生只能列出一次。", "A student can be listed only once."));
        if (details.Kind != ActivityKind.GroupTalk && studentIds.Count != 1)
            throw new DomainValidationException("studentIds", new("只有座谈可以涉及多名学生。", "Only a group talk covers several students."));
        if (details.Kind == ActivityKind.ParentContact && details.Mode is null)
            throw new DomainValidationException("mode", new("家校沟通须注明沟通方式。", "A parent contact names its mode."));
        if (details.Kind != ActivityKind.ParentContact && details.Mode is not null)
            throw new DomainValidationException("mode", new("只有家校沟通需要注明沟通方式。", "Only a parent contact has a mode."));
        if (details.Domains.Count == 0) throw new DomainValidationException("domains", new("请至少选择一个育人领域。", "Name at least one guidance domain."));
        if (string.IsNullOrWhiteSpace(details.Summary)) throw new DomainValidationException("summary", new("育人活动记录须填写摘要。", "An activity needs a summary."));
        if (details.Summary.Trim().Length > SummaryMaxLength) throw new DomainValidationException("summary", new($"摘要最多 {SummaryMaxLength} 个字符。", $"A summary has at most {SummaryMaxLength} characters."));
        if (coVisitors.Contains(RecordedById)) throw new DomainValidationException("coVisitorIds", new("记录人不能把自己列为共同家访的导师。", "The recorder is not their own co-visitor."));
        foreach (var plan in details.FollowUps)
        {
            if (string.IsNullOrWhiteSpace(plan.Action) || plan.Action.Trim().Length > ActionMaxLength)
                throw new DomainValidationException("followUps", new($"跟进措施须为 1–{ActionMaxLength} 个字符。", $"A follow-up action has 1–{ActionMaxLength} characters."));
            if (plan.DueOn < details.OccurredOn)
                throw new DomainValidationException("followUps", new("跟进措施的截止日期不能早于活动日期。", "A follow-up action falls due on or after the activity."));
        }
    }

    /// <summary>Listed follow-ups with an id are restated, those without are added, and those not listed are dropped.</summary>
    private void ReplaceFollowUps(IReadOnlyList<FollowUpPlan> plans)
    {
        var kept = plans.Where(p => p.Id is not null).Select(p => p.Id!.Value).ToHashSet();
        if (kept.FirstOrDefault(id => _followUps.All(f => f.Id != id)) is var unknown && unknown != Guid.Empty)
            throw new DomainValidationException("followUps", new($"{unknown} 不是该育人活动记录的跟进措施。", $"{unknown} is not a follow-up action of this activity."));
        _followUps.RemoveAll(f => !kept.Contains(f.Id));
        foreach (var plan in plans)
        {
            if (plan.Id is { } id) _followUps.Single(f => f.Id == id).Restate(plan.Action.Trim(), plan.DueOn);
            else _followUps.Add(new FollowUpAction(Id, plan.Action.Trim(), plan.DueOn));
        }
    }
}

/// <summary>A student an activity covers; its own table, so progress and statistics count activities per student.</summary>
public sealed class ActivityStudent : Entity, ITenantOwned
{
    private ActivityStudent(Guid id) : base(id) { }

    internal ActivityStudent(Guid activityId, Guid studentId)
    {
        ActivityId = activityId;
        StudentId = studentId;
    }

    public Guid ActivityId { get; private set; }
    public Guid StudentId { get; private set; }

    /// <summary>The activity, for queries that count per student by the activity's semester and kind.</summary>
    public GuidanceActivity Activity { get; private set; } = null!;
}

/// <summary>Something the mentor means to do after the activity (跟进措施), by a due day.</summary>
public sealed class FollowUpAction : Entity, ITenantOwned
{
    private FollowUpAction(Guid id) : base(id) { }

    internal FollowUpAction(Guid activityId, string action, DateOnly dueOn)
    {
        ActivityId = activityId;
        Action = action;
        DueOn = dueOn;
    }

    public Guid ActivityId { get; private set; }
    public string Action { get; private set; } = null!;
    public DateOnly DueOn { get; private set; }
    public DateOnly? CompletedOn { get; private set; }

    /// <summary>The activity, for queries over open follow-ups per student.</summary>
    public GuidanceActivity Activity { get; private set; } = null!;

    public bool IsOverdueOn(DateOnly day) => CompletedOn is null && DueOn < day;

    internal void Restate(string action, DateOnly dueOn)
    {
        Action = action;
        DueOn = dueOn;
    }

    internal void Complete(DateOnly on) => CompletedOn = on;
}

/// <summary>Someone other than its author tried to change an activity.</summary>
public sealed class ActivityNotOwnedException() : DomainException(new("只有记录人本人才能更改该育人活动记录。", "Only the author changes an activity."));

/// <summary>A mentor recorded an activity; subscribers hear its ids only.</summary>
public sealed record ActivityRecorded(Guid ActivityId, Guid SemesterId, ActivityKind Kind, IReadOnlyList<Guid> StudentIds, Guid RecordedById)
    : DomainEvent<ActivityRecorded>;

public sealed record ActivityEdited(Guid ActivityId, Guid SemesterId, IReadOnlyList<Guid> StudentIds, Guid EditedById) : DomainEvent<ActivityEdited>;

public sealed record ActivityDeleted(Guid ActivityId, Guid SemesterId, IReadOnlyList<Guid> StudentIds, Guid DeletedById) : DomainEvent<ActivityDeleted>;

public sealed record FollowUpCompleted(Guid ActivityId, Guid FollowUpId, Guid CompletedById) : DomainEvent<FollowUpCompleted>;
