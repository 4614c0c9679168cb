using FluentValidation;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;

namespace MentorCloud.Application.Students.Commands.CreateStudent;

public sealed class CreateStudentValidator : AbstractValidator<CreateStudentCommand>
{
    public CreateStudentValidator(TimeProvider clock)
    {
        this.AddStudentDetailRules(x => x.Name, x => x.Gender, x => x.BirthDate, x => x.Guardians, clock);
        RuleFor(x => x.StudentNo).ValidNumber();
        RuleFor(x => x.ClassId).NotEmpty();
        RuleForEach(x => x.AttentionFlags).Must(f => f.IsSingleFlag()).WithMessage(Messages.UseOneOf(StudentMapping.FlagNames));
        RuleFor(x => x.Account!).SetValidator(new NewAccountValidator()).When(x => x.Account is not null);
    }
}
