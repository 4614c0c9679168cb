using FluentValidation;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;

namespace MentorCloud.Application.Schools.Commands.OnboardSchool;

public sealed class OnboardSchoolValidator : AbstractValidator<OnboardSchoolCommand>
{
    public OnboardSchoolValidator(ITenantProvisioner provisioner)
    {
        RuleFor(x => x.Code).ValidCode();
        RuleFor(x => x.Name).ValidName();
        RuleFor(x => x.Admin).NotNull().SetValidator(new NewAdminValidator());
        RuleFor(x => x.ConnectionString!)
            .MaximumLength(1000)
            .Must(provisioner.IsValidConnectionString).WithMessage(_ => Messages.ConnectionStringInvalid)
            .When(x => !string.IsNullOrWhiteSpace(x.ConnectionString));
    }
}
