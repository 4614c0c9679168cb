using FluentValidation;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Common;

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
        v.RuleFor(x => x.Mode).NotNull().When(x => x.Kind == ActivityKind.ParentContact).WithMessage(new LocalizedText("家校沟通须注明沟通方式。", "A parent contact names its mode."));
        v.RuleFor(x => x.Mode).Null().When(x => x.Kind != ActivityKind.ParentContact).WithMessage(new LocalizedText("只有家校沟通需要注明沟通方式。", "Only a parent contact has a mode."));
        v.RuleFor(x => x.StudentIds).NotEmpty().WithMessage(new LocalizedText("请至少列出一名学生。", "List at least one student."));
        v.RuleFor(x => x.StudentIds).Must(ids => ids.Count <= MaxStudents).When(x => x.StudentIds is not null)
            .WithMessage(new LocalizedText($"最多列出 {MaxStudents} 名学生。", $"List at most {MaxStudents} students."));
        v.RuleFor(x => x.StudentIds).Must(ids => ids.Distinct().Count() == ids.Count).When(x => x.StudentIds is not null)
            .WithMessage(new LocalizedText("同一名学生只能列出一次。", "A student can be listed only once."));
        v.RuleForEach(x => x.StudentIds).NotEmpty();
        v.RuleFor(x => x.StudentIds).Must(ids => ids.Count == 1).When(x => x.Kind != ActivityKind.GroupTalk && x.StudentIds is { Count: > 0 })
            .WithMessage(new LocalizedText("只有座谈可以涉及多名学生。", "Only a group talk covers several students."));
        v.RuleFor(x => x.Domains).NotEmpty().WithMessage(new LocalizedText("请至少选择一个育人领域。", "Name at least one guidance domain."));
        v.RuleForEach(x => x.Domains).IsInEnum();
        v.RuleFor(x => x.Domains).Must(d => d.Distinct().Count() == d.Count).When(x => x.Domains is not null)
            .WithMessage(new LocalizedText("同一育人领域只能选择一次。", "A guidance domain can be named only once."));
        v.RuleFor(x => x.Summary).NotEmpty().MaximumLength(GuidanceActivity.SummaryMaxLength);
        v.RuleFor(x => x.FollowUps).Must(f => f!.Count <= MaxFollowUps).When(x => x.FollowUps is not null)
            .WithMessage(new LocalizedText($"跟进措施最多 {MaxFollowUps} 项。", $"At most {MaxFollowUps} follow-up actions."));
        v.RuleForEach(x => x.FollowUps).ChildRules(f =>
        {
            f.RuleFor(x => x.Action).NotEmpty().MaximumLength(GuidanceActivity.ActionMaxLength);
        });
        v.RuleForEach(x => x.FollowUps).Must((x, f) => f.DueOn >= x.OccurredOn)
            .WithMessage(new LocalizedText("跟进措施的截止日期不能早于活动当天。", "A follow-up action falls due on or after the day of the activity."));
        v.RuleFor(x => x.CoVisitorIds).Must(ids => ids!.Count <= MaxCoVisitors && ids.Distinct().Count() == ids.Count).When(x => x.CoVisitorIds is not null)
            .WithMessage(new LocalizedText($"共同家访的导师最多 {MaxCoVisitors} 名，且不能重复。", $"At most {MaxCoVisitors} distinct co-visitors."));
        v.RuleForEach(x => x.CoVisitorIds).NotEmpty();
        v.RuleFor(x => x.CoVisitorIds).Empty().When(x => !(x.Kind == ActivityKind.ParentContact && x.Mode == ParentContactMode.HomeVisit))
            .WithMessage(new LocalizedText("只有家访可以列出共同家访的导师。", "Only a home visit has co-visitors."));
    }
}
