using FluentValidation;
using MentorCloud.Domain.Classes;

namespace MentorCloud.Application.Classes.Commands.UpdateClass;

public sealed class UpdateClassValidator : AbstractValidator<UpdateClassCommand>
{
    public UpdateClassValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Grade).InclusiveBetween(SchoolClass.MinGrade, SchoolClass.MaxGrade);
        RuleFor(x => x.HeadTeacherId).NotEmpty();
    }
}
