using FluentValidation;
using MentorCloud.Domain.Districts;

namespace MentorCloud.Application.Districts.Commands.UpdatePolicyLimits;

public sealed class UpdatePolicyLimitsValidator : AbstractValidator<UpdatePolicyLimitsCommand>
{
    public UpdatePolicyLimitsValidator()
    {
        RuleFor(x => x.MaxStudentsPerMentorCeiling).InclusiveBetween(1, SchoolPolicyBounds.MaxStudentsPerMentor);
        RuleFor(x => x.MaxMentorsPerStudentCeiling).InclusiveBetween(1, SchoolPolicyBounds.MaxMentorsPerStudent);
    }
}
