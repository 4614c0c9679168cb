using FluentValidation;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;

namespace MentorCloud.Application.Semesters.Commands.CreateSemester;

public sealed class CreateSemesterValidator : AbstractValidator<CreateSemesterCommand>
{
    public CreateSemesterValidator()
    {
        RuleFor(x => x.Label).NotEmpty().MaximumLength(50);
        RuleFor(x => x.StartsOn).NotEmpty();
        RuleFor(x => x.EndsOn).NotEmpty().GreaterThan(x => x.StartsOn).WithMessage(Messages.EndAfterStart);
        RuleFor(x => x.EndsOn).Must((x, end) => end.DayNumber - x.StartsOn.DayNumber <= 366).WithMessage(Messages.SemesterTooLong);
    }
}
