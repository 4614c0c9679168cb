using FluentValidation;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;

namespace MentorCloud.Application.Teachers.Commands.CreateTeacher;

public sealed class CreateTeacherValidator : AbstractValidator<CreateTeacherCommand>
{
    public CreateTeacherValidator()
    {
        RuleFor(x => x.Name).ValidName();
        RuleFor(x => x.EmployeeNo).ValidNumber();
        RuleForEach(x => x.Subjects).NotEmpty().MaximumLength(30);
        RuleFor(x => x.Subjects).Must(s => s is null || s.Count <= 10).WithMessage(Messages.AtMostEntries(10));
        RuleFor(x => x.ClassIds).Must(c => c is null || c.Count <= 30);
        RuleFor(x => x.Account!).SetValidator(new NewAccountValidator()).When(x => x.Account is not null);
    }
}
