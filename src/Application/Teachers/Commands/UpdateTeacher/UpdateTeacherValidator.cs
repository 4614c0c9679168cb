using FluentValidation;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;

namespace MentorCloud.Application.Teachers.Commands.UpdateTeacher;

public sealed class UpdateTeacherValidator : AbstractValidator<UpdateTeacherCommand>
{
    public UpdateTeacherValidator()
    {
        RuleFor(x => x.Name).ValidName();
        RuleForEach(x => x.Subjects).NotEmpty().MaximumLength(30);
        RuleFor(x => x.Subjects).Must(s => s is null || s.Count <= 10).WithMessage(Messages.AtMostEntries(10));
        RuleFor(x => x.ClassIds).Must(c => c is null || c.Count <= 30);
    }
}
