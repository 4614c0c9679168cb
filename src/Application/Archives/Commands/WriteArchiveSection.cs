using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Archives;

namespace MentorCloud.Application.Archives.Commands;

/// <summary>
/// Writes one section of a student's archive as a new version (R7): current mentors, the class's head teacher and
/// school admins; <paramref name="IfMatch"/> names the archive version the writer read; while the school requires it,
/// only with a guardian's consent in force (R8).
/// </summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record WriteArchiveSectionCommand(Guid StudentId, object Content, string? IfMatch) : ICommand<ArchiveVersionDto>, ISchoolRequest
{
    public ArchiveSection Section => ArchiveContents.SectionOf(Content.GetType());
}

public sealed class WriteArchiveSectionHandler(ArchiveAccessPolicy access, ArchiveStore store, ArchiveContents contents, TimeProvider clock)
    : ICommandHandler<WriteArchiveSectionCommand, ArchiveVersionDto>
{
    public async ValueTask<ArchiveVersionDto> Handle(WriteArchiveSectionCommand command, CancellationToken cancellationToken)
    {
        await access.DemandAsync(command.StudentId, ArchiveAccess.Full, cancellationToken);
        var archive = await store.ForWriteAsync(command.StudentId, cancellationToken);
        VersionTag.DemandCurrent(command.IfMatch, archive.Version);
        var consentRequired = await store.ConsentRequiredAsync(cancellationToken);
        var entry = archive.Write(command.Section, contents.Seal(command.StudentId, command.Section, command.Content), store.Author, clock.GetUtcNow(), consentRequired);
        await store.ResealOlderAsync(archive, cancellationToken);
        return store.ToDto(command.StudentId, entry);
    }
}

public sealed class WriteArchiveSectionValidator : AbstractValidator<WriteArchiveSectionCommand>
{
    public WriteArchiveSectionValidator()
    {
        RuleFor(x => x.Content).NotNull().SetInheritanceValidator(v =>
        {
            v.Add(new FamilySectionValidator());
            v.Add(new HealthSectionValidator());
            v.Add(new PersonalitySectionValidator());
            v.Add(new InterestsSectionValidator());
            v.Add(new MoralsSectionValidator());
            v.Add(new HabitsSectionValidator());
            v.Add(new PsychologySectionValidator());
            v.Add(new AcademicsSectionValidator());
            v.Add(new DifficultiesSectionValidator());
        });
        RuleFor(x => x.IfMatch).MaximumLength(100);
    }
}
