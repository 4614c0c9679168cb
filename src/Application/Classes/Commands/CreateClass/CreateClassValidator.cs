using FluentValidation;
using MentorCloud.Domain.Classes;

namespace MentorCloud.Application.Classes.Commands.CreateClass;

public sealed class CreateClassValidator : AbstractValidator<CreateClassCommand>
{
    public CreateClassValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
        RuleFor(x => x.Grade).InclusiveBetween(SchoolClass.MinGrade, SchoolClass.MaxGrade);
        RuleFor(x => x.HeadTeacherId).NotEmpty();
        RuleFor(x => x.SchoolYear).InclusiveBetween(2000, 2100);
    }
}
