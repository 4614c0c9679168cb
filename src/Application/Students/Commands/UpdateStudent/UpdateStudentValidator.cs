using FluentValidation;

namespace MentorCloud.Application.Students.Commands.UpdateStudent;

public sealed class UpdateStudentValidator : AbstractValidator<UpdateStudentCommand>
{
    public UpdateStudentValidator(TimeProvider clock) =>
        this.AddStudentDetailRules(x => x.Name, x => x.Gender, x => x.BirthDate, x => x.Guardians, clock);
}
