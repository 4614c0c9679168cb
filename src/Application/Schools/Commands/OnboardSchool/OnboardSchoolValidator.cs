using FluentValidation;
using MentorCloud.Application.Common.Validation;

namespace MentorCloud.Application.Schools.Commands.OnboardSchool;

public sealed class OnboardSchoolValidator : AbstractValidator<OnboardSchoolCommand>
{
    public const int MaxDatabaseServerLength = 100;

    public OnboardSchoolValidator()
    {
        RuleFor(x => x.Code).ValidCode();
        RuleFor(x => x.Name).ValidName();
        RuleFor(x => x.Admin).NotNull().SetValidator(new NewAdminValidator());
        // An unknown name is a refusal (422) by the handler; here only the shape of the name.
        RuleFor(x => x.DatabaseServer!).NotEmpty().MaximumLength(MaxDatabaseServerLength).When(x => x.DatabaseServer is not null);
    }
}
