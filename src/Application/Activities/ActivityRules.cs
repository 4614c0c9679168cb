using FluentValidation;
using MentorCloud.Domain.Activities;

namespace MentorCloud.Application.Activities;

/// <summary>What an activity states, as a request sends it; the same fields for recording and editing.</summary>
public interface IActivityContent
{
    ActivityKind Kind { get; }
    IReadOnlyList<Guid> StudentIds { get; }
    DateOnly OccurredOn { get; }
    ParentContactMode? Mode { get; }
    IReadOnlyList<GuidanceDomain> Domains { get; }
    string Summary { get; }
    IReadOnlyList<FollowUpPlan>? FollowUps { get; }
    IReadOnlyList<Guid>? CoVisitorIds { get; }
}

public static class ActivityRules
{
    public const int MaxStudents = 60;
    public const int MaxFollowUps = 20;
    public const int MaxCoVisitors = 10;

    public static ActivityDetails ToDetails(this IActivityContent c) => new(c.Kind, c.Mode, c.Domains ?? [], c.Summary ?? "", c.OccurredOn,
        c.StudentIds ?? [], c.CoVisitorIds ?? [], c.FollowUps ?? []);

    /// <summary>The shape of an activity, checked before anything is looked up; the aggregate checks it again.</summary>
    public static void AddActivityContentRules<T>(this AbstractValidator<T> v) where T : IActivityContent
    {
        v.RuleFor(x => x.Kind).IsInEnum();
        v.RuleFor(x => x.Mode).IsInEnum();
        v.RuleFor(x => x.Mode).NotNull().When(x => x.Kind == ActivityKind.ParentContact).WithMessage("A parent contact names its mode.");
        v.RuleFor(x => x.Mode).Null().When(x => x.Kind != ActivityKind.ParentContact).WithMessage("Only a parent contact has a mode.");
        v.RuleFor(x => x.StudentIds).NotEmpty().WithMessage("List at least one student.");
        v.RuleFor(x => x.StudentIds).Must(ids => ids.Count <= MaxStudents).When(x => x.StudentIds is not null)
            .WithMessage($"List at most {MaxStudents} students.");
        v.RuleFor(x => x.StudentIds).Must(ids => ids.Distinct().Count() == ids.Count).When(x => x.StudentIds is not null)
            .WithMessage("A student can be listed only once.");
        v.RuleForEach(x => x.StudentIds).NotEmpty();
        v.RuleFor(x => x.StudentIds).Must(ids => ids.Count == 1).When(x => x.Kind != ActivityKind.GroupTalk && x.StudentIds is { Count: > 0 })
            .WithMessage("Only a group talk covers several students.");
        v.RuleFor(x => x.Domains).NotEmpty().WithMessage("Name at least one guidance domain.");
        v.RuleForEach(x => x.Domains).IsInEnum();
        v.RuleFor(x => x.Domains).Must(d => d.Distinct().Count() == d.Count).When(x => x.Domains is not null)
            .WithMessage("A guidance domain can be named only once.");
        v.RuleFor(x => x.Summary).NotEmpty().MaximumLength(GuidanceActivity.SummaryMaxLength);
        v.RuleFor(x => x.FollowUps).Must(f => f!.Count <= MaxFollowUps).When(x => x.FollowUps is not null)
            .WithMessage($"At most {MaxFollowUps} follow-up actions.");
        v.RuleForEach(x => x.FollowUps).ChildRules(f =>
        {
            f.RuleFor(x => x.Action).NotEmpty().MaximumLength(GuidanceActivity.ActionMaxLength);
        });
        v.RuleForEach(x => x.FollowUps).Must((x, f) => f.DueOn >= x.OccurredOn)
            .WithMessage("A follow-up action falls due on or after the day of the activity.");
        v.RuleFor(x => x.CoVisitorIds).Must(ids => ids!.Count <= MaxCoVisitors && ids.Distinct().Count() == ids.Count).When(x => x.CoVisitorIds is not null)
            .WithMessage($"At most {MaxCoVisitors} distinct co-visitors.");
        v.RuleForEach(x => x.CoVisitorIds).NotEmpty();
        v.RuleFor(x => x.CoVisitorIds).Empty().When(x => !(x.Kind == ActivityKind.ParentContact && x.Mode == ParentContactMode.HomeVisit))
            .WithMessage("Only a home visit has co-visitors.");
    }
}
