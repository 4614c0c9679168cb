using MentorCloud.Domain.Activities;

namespace MentorCloud.Application.Activities;

public sealed record FollowUpDto(Guid Id, string Action, DateOnly DueOn, DateOnly? CompletedOn);

/// <summary>
/// A guidance activity as its readers see it. A student sees that it happened, of what kind and in which domains, but not the
/// mentor's summary, follow-ups, co-visitors or the other students of a group talk (R8: never a mentor's notes).
/// </summary>
public sealed record ActivityDto(
    Guid Id,
    Guid SemesterId,
    ActivityKind Kind,
    ParentContactMode? Mode,
    IReadOnlyList<GuidanceDomain> Domains,
    string? Summary,
    DateOnly OccurredOn,
    Guid RecordedById,
    IReadOnlyList<Guid> StudentIds,
    IReadOnlyList<Guid> CoVisitorIds,
    IReadOnlyList<FollowUpDto> FollowUps,
    DateTimeOffset RecordedAt,
    DateTimeOffset? EditedAt,
    int Version)
{
    public static ActivityDto From(GuidanceActivity a, Guid? forStudentId = null) => forStudentId is { } self
        ? new(a.Id, a.SemesterId, a.Kind, a.Mode, [.. a.Domains], null, a.OccurredOn, a.RecordedById, [self], [], [], a.RecordedAt, a.EditedAt, a.Version)
        : new(a.Id, a.SemesterId, a.Kind, a.Mode, [.. a.Domains], a.Summary, a.OccurredOn, a.RecordedById, [.. a.StudentIds], [.. a.CoVisitorIds],
            [.. a.FollowUps.OrderBy(f => f.DueOn).ThenBy(f => f.Id).Select(f => new FollowUpDto(f.Id, f.Action, f.DueOn, f.CompletedOn))],
            a.RecordedAt, a.EditedAt, a.Version);
}
