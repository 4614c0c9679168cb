using FluentValidation;
using MentorCloud.Application.Common.Validation;

namespace MentorCloud.Application.Roster.Commands.ImportRoster;

public sealed class ImportRosterValidator : AbstractValidator<ImportRosterCommand>
{
    public ImportRosterValidator()
    {
        RuleFor(x => x.File).NotNull().WithMessage(RosterMessages.FileRequired).OverridePropertyName("file");
        When(x => x.File is not null, () =>
        {
            RuleFor(x => x.File!.FileName)
                .Must(name => RosterLayout.IsXlsx(name) || RosterLayout.IsCsv(name)).WithMessage(RosterMessages.FileType)
                .OverridePropertyName("file");
            RuleFor(x => x.File!.Length).GreaterThan(0).WithMessage(RosterMessages.FileEmpty).OverridePropertyName("file");
            RuleFor(x => x.File!.Content).Must(content => content.CanRead && content.CanSeek).OverridePropertyName("file");
        });
        RuleFor(x => x.Kind)
            .Must(kind => RosterLayout.TryParseKind(kind, out _)).WithMessage(RosterMessages.KindInvalid)
            .When(x => !string.IsNullOrWhiteSpace(x.Kind));
        RuleFor(x => x.Kind)
            .Must((command, kind) => RosterLayout.KindToImport(command.File!.FileName, kind) is not null).WithMessage(RosterMessages.KindRequired)
            .When(x => x.File is not null && RosterLayout.IsCsv(x.File.FileName) && string.IsNullOrWhiteSpace(x.Kind));
    }
}
