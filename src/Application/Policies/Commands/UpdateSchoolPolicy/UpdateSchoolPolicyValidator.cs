using FluentValidation;
using MentorCloud.Application.Common.Localization;

namespace MentorCloud.Application.Policies.Commands.UpdateSchoolPolicy;

public sealed class UpdateSchoolPolicyValidator : AbstractValidator<UpdateSchoolPolicyCommand>
{
    public UpdateSchoolPolicyValidator()
    {
        RuleFor(x => x.MaxStudentsPerMentor).InclusiveBetween(1, 100);
        RuleFor(x => x.MaxMentorsPerStudent).InclusiveBetween(1, 10);
        RuleFor(x => x.MaxPreferences).InclusiveBetween(1, 10);
        RuleFor(x => x.MinTalks).InclusiveBetween(0, 30);
        RuleFor(x => x.MinParentContacts).InclusiveBetween(0, 30);
        RuleFor(x => x.MinEvaluations).InclusiveBetween(0, 30);
        RuleFor(x => x.MonthlyReportReminderDay).InclusiveBetween(1, 28);
        RuleFor(x => x.ReminderDaysBeforeEnd).NotNull();
        RuleFor(x => x.ReminderDaysBeforeEnd)
            .Must(days => days.Count <= 10 && days.All(d => d is >= 1 and <= 180) && days.Zip(days.Skip(1)).All(p => p.First > p.Second))
            .WithMessage(_ => Messages.ReminderDaysOrder)
            .When(x => x.ReminderDaysBeforeEnd is not null);
    }
}
