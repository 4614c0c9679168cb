using FluentValidation;
using MentorCloud.Application.Common.Validation;

namespace MentorCloud.Application.Districts.Commands.CreateDistrict;

public sealed class CreateDistrictValidator : AbstractValidator<CreateDistrictCommand>
{
    public CreateDistrictValidator()
    {
        RuleFor(x => x.Code).ValidCode();
        RuleFor(x => x.Name).ValidName();
        RuleFor(x => x.Admin).NotNull().SetValidator(new NewAdminValidator());
    }
}
