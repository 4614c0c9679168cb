using MentorCloud.Domain.Common;

namespace MentorCloud.Domain.Evaluations;

/// <summary>The scores of one evaluation, each from 1 (poor) to 5 (excellent): care, guidance and communication.</summary>
public sealed record EvaluationScores
{
    public const int Min = 1;
    public const int Max = 5;

    public EvaluationScores(int care, int guidance, int communication)
    {
        Care = Ensure(care, "scores.care");
        Guidance = Ensure(guidance, "scores.guidance");
        Communication = Ensure(communication, "scores.communication");
    }

    /// <summary>关爱: the mentor cares about the student.</summary>
    public int Care { get; private init; }

    /// <summary>指导: the mentor's guidance helps.</summary>
    public int Guidance { get; private init; }

    /// <summary>沟通: the mentor listens and is easy to talk to.</summary>
    public int Communication { get; private init; }

    /// <summary>The mean of the three scores.</summary>
    public decimal Overall => (Care + Guidance + Communication) / 3m;

    public static bool IsValid(int score) => score is >= Min and <= Max;

    private static int Ensure(int score, string field) =>
        IsValid(score) ? score : throw new DomainValidationException(field, new($"分数须在 {Min} 到 {Max} 之间。", $"A score lies between {Min} and {Max}."));
}

/// <summary>
/// A student's evaluation of one of their mentors (学生评议导师, R11): once per semester per student–mentor pair.
/// A mentor sees only the aggregate of their evaluations, never one evaluation or its author.
/// </summary>
public sealed class MentorEvaluation : AggregateRoot, ITenantOwned
{
    public const int MaxCommentLength = 1000;

    /// <summary>A mentor sees their averages only when at least this many evaluations exist (R11).</summary>
    public const int MinimumForMentor = 3;

    private MentorEvaluation(Guid id) : base(id) { }

    private MentorEvaluation(Guid studentId, Guid mentorId, Guid semesterId, EvaluationScores scores, string? comment, DateTimeOffset submittedAt)
    {
        StudentId = studentId;
        MentorId = mentorId;
        SemesterId = semesterId;
        Scores = scores;
        Comment = comment;
        SubmittedAt = submittedAt;
        Raise(new MentorEvaluationSubmitted(Id, mentorId, semesterId));
    }

    public Guid StudentId { get; private set; }

    /// <summary>The teacher evaluated.</summary>
    public Guid MentorId { get; private set; }

    public Guid SemesterId { get; private set; }
    public EvaluationScores Scores { get; private set; } = null!;
    public string? Comment { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>
    /// The student's evaluation of <paramref name="mentorId"/> for the semester. <paramref name="mentoredInSemester"/> says
    /// whether the teacher is, or was during the semester, the student's mentor (R11); one per pair and semester is the
    /// caller's to check (and the unique index's).
    /// </summary>
    public static MentorEvaluation Submit(Guid studentId, Guid mentorId, Guid semesterId, bool mentoredInSemester, EvaluationScores scores, string? comment,
        DateTimeOffset at)
    {
        if (!mentoredInSemester)
            throw new RuleViolationException("R11", new("学生只能评议本学期担任其导师的教师。", "A student evaluates only a teacher who mentored them in the semester."),
                new { mentorId, semesterId });
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text is { Length: > MaxCommentLength })
            throw new DomainValidationException(nameof(comment), new($"评语不能超过 {MaxCommentLength} 个字符。", $"The comment is longer than {MaxCommentLength} characters."));
        return new MentorEvaluation(studentId, mentorId, semesterId, scores, text, at);
    }
}

/// <summary>An evaluation was handed in. It names the mentor, never the student who wrote it.</summary>
public sealed record MentorEvaluationSubmitted(Guid EvaluationId, Guid MentorId, Guid SemesterId) : DomainEvent<MentorEvaluationSubmitted>;
