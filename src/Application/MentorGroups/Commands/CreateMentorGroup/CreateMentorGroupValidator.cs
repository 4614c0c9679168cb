using FluentValidation;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Validation;

namespace MentorCloud.Application.MentorGroups.Commands.CreateMentorGroup;

public sealed class CreateMentorGroupValidator : AbstractValidator<CreateMentorGroupCommand>
{
    public CreateMentorGroupValidator()
    {
        RuleFor(x => x.ClassId).NotEmpty();
        RuleFor(x => x.SemesterId).NotEmpty();
        RuleFor(x => x.MentorIds).Must(ids => ids is null || ids.Count <= 100).WithMessage(Messages.AtMostEntries(100));
    }
}
