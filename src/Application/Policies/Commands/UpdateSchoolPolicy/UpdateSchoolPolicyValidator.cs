using FluentValidation;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Policies;

namespace MentorCloud.Application.Policies.Commands.UpdateSchoolPolicy;

public sealed class UpdateSchoolPolicyValidator : AbstractValidator<UpdateSchoolPolicyCommand>
{
    // The settings' fields are the body's fields: errors name them without a prefix.
    public UpdateSchoolPolicyValidator() => RuleFor(x => x.Settings).NotNull().SetValidator(new PolicySettingsValidator()).OverridePropertyName("");
}

/// <summary>The shape of a policy, within <see cref="SchoolPolicyBounds"/>. The caps' ceilings are rules (R3, R14) that the domain enforces with 422.</summary>
public sealed class PolicySettingsValidator : AbstractValidator<PolicySettings>
{
    public PolicySettingsValidator()
    {
        RuleFor(x => x.MaxStudentsPerMentor).GreaterThanOrEqualTo(1);
        RuleFor(x => x.MaxMentorsPerStudent).GreaterThanOrEqualTo(1);
        RuleFor(x => x.MaxPreferences).InclusiveBetween(1, SchoolPolicyBounds.MaxPreferences);
        RuleFor(x => x.MinTalks).InclusiveBetween(0, SchoolPolicyBounds.MaxMinimumPerSemester);
        RuleFor(x => x.MinParentContacts).InclusiveBetween(0, SchoolPolicyBounds.MaxMinimumPerSemester);
        RuleFor(x => x.MinEvaluations).InclusiveBetween(0, SchoolPolicyBounds.MaxMinimumPerSemester);
        RuleFor(x => x.MonthlyReportReminderDay).InclusiveBetween(1, SchoolPolicyBounds.LastMonthlyReportReminderDay);
        RuleFor(x => x.ReminderDaysBeforeEnd).NotNull();
        RuleFor(x => x.ReminderDaysBeforeEnd)
            .Must(days => days.Count <= SchoolPolicyBounds.MaxReminders
                          && days.All(d => d is >= 1 and <= SchoolPolicyBounds.MaxReminderDaysBeforeEnd)
                          && days.Zip(days.Skip(1)).All(p => p.First > p.Second))
            .WithMessage(Messages.ReminderDaysOrder)
            .When(x => x.ReminderDaysBeforeEnd is not null);
    }
}
