using FluentValidation;
using MentorCloud.Application.Common.Localization;

namespace MentorCloud.Application.Semesters.Commands.CreateSemester;

public sealed class CreateSemesterValidator : AbstractValidator<CreateSemesterCommand>
{
    public CreateSemesterValidator()
    {
        RuleFor(x => x.Label).NotEmpty().MaximumLength(50);
        RuleFor(x => x.StartsOn).NotEmpty();
        RuleFor(x => x.EndsOn).NotEmpty().GreaterThan(x => x.StartsOn).WithMessage(_ => Messages.EndAfterStart);
        RuleFor(x => x.EndsOn).Must((x, end) => end.DayNumber - x.StartsOn.DayNumber <= 366).WithMessage(_ => Messages.SemesterTooLong);
    }
}
