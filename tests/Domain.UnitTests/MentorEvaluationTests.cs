using MentorCloud.Domain.Common;
using MentorCloud.Domain.Evaluations;

namespace MentorCloud.Domain.UnitTests;

public sealed class MentorEvaluationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 3, 3, "scores.care")]
    [InlineData(3, 6, 3, "scores.guidance")]
    [InlineData(3, 3, -2, "scores.communication")]
    public void Scores_lie_between_one_and_five(int care, int guidance, int communication, string field) =>
        Should.Throw<DomainValidationException>(() => new EvaluationScores(care, guidance, communication)).Field.ShouldBe(field);

    [Fact]
    public void The_overall_score_is_the_mean_of_the_three()
    {
        new EvaluationScores(5, 4, 3).Overall.ShouldBe(4m);
        new EvaluationScores(1, 1, 2).Overall.ShouldBe(4m / 3m);
        new EvaluationScores(5, 4, 3).ShouldBe(new EvaluationScores(5, 4, 3));
    }

    [Fact]
    public void A_student_evaluates_a_teacher_who_mentored_them_in_the_semester_R11()
    {
        var (student, mentor, semester) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());

        var evaluation = MentorEvaluation.Submit(student, mentor, semester, mentoredInSemester: true, new EvaluationScores(5, 5, 4), "  很耐心  ", Now);

        (evaluation.StudentId, evaluation.MentorId, evaluation.SemesterId).ShouldBe((student, mentor, semester));
        evaluation.Comment.ShouldBe("很耐心");
        evaluation.SubmittedAt.ShouldBe(Now);
        var submitted = evaluation.DomainEvents.OfType<MentorEvaluationSubmitted>().Single();
        submitted.ShouldBe(new MentorEvaluationSubmitted(evaluation.Id, mentor, semester));
    }

    [Fact]
    public void A_teacher_who_did_not_mentor_the_student_is_not_evaluated_R11() =>
        Should.Throw<RuleViolationException>(() => MentorEvaluation.Submit(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            mentoredInSemester: false, new EvaluationScores(3, 3, 3), null, Now)).Rule.ShouldBe("R11");

    [Fact]
    public void A_blank_comment_is_none_and_a_long_one_is_refused()
    {
        MentorEvaluation.Submit(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), true, new EvaluationScores(3, 3, 3), "  ", Now)
            .Comment.ShouldBeNull();
        Should.Throw<DomainValidationException>(() => MentorEvaluation.Submit(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), true,
            new EvaluationScores(3, 3, 3), new string('好', MentorEvaluation.MaxCommentLength + 1), Now)).Field.ShouldBe("comment");
    }
}
