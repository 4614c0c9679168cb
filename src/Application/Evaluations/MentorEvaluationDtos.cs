using MentorCloud.Domain.Evaluations;

namespace MentorCloud.Application.Evaluations;

/// <summary>The three scores of an evaluation, 1–5 each: the request body's and the answer's shape.</summary>
public sealed record EvaluationScoresDto(int Care, int Guidance, int Communication)
{
    public static EvaluationScoresDto From(EvaluationScores scores) => new(scores.Care, scores.Guidance, scores.Communication);

    public EvaluationScores ToScores() => new(Care, Guidance, Communication);
}

/// <summary>One evaluation, as its author and school admins see it. A mentor never sees this shape (R11).</summary>
public sealed record MentorEvaluationDto(
    Guid Id,
    Guid StudentId,
    string? StudentName,
    Guid MentorId,
    string? MentorName,
    Guid SemesterId,
    EvaluationScoresDto Scores,
    decimal Overall,
    string? Comment,
    DateTimeOffset SubmittedAt);

/// <summary>
/// A mentor's evaluations in aggregate (R11): <c>averages</c> is null with <c>shown: false</c> for the mentor below
/// <see cref="MentorEvaluation.MinimumForMentor"/> evaluations; school admins always see them when there is one.
/// </summary>
public sealed record EvaluationSummaryDto(Guid MentorId, Guid? SemesterId, int Count, bool Shown, EvaluationAveragesDto? Averages);

/// <summary>Mean scores, rounded to two decimals; <c>overall</c> is the mean of the three.</summary>
public sealed record EvaluationAveragesDto(decimal Care, decimal Guidance, decimal Communication, decimal Overall);
