using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Common;

namespace MentorCloud.Application.Archives.Commands;

/// <summary>Records a guardian's consent to keep the archive (PIPL, children under 14): school admins and the class's head teacher.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record RecordGuardianConsentCommand(Guid StudentId, string GuardianName, string Relation, DateOnly GrantedOn, ConsentMethod Method,
    IReadOnlyList<ConsentScope> Scopes) : ICommand<GuardianConsentStatusDto>, ISchoolRequest;

public sealed class RecordGuardianConsentHandler(ArchiveAccessPolicy access, ArchiveStore store, TimeProvider clock)
    : ICommandHandler<RecordGuardianConsentCommand, GuardianConsentStatusDto>
{
    public async ValueTask<GuardianConsentStatusDto> Handle(RecordGuardianConsentCommand command, CancellationToken cancellationToken)
    {
        await access.DemandConsentKeeperAsync(command.StudentId, cancellationToken);
        var archive = await store.ForWriteAsync(command.StudentId, cancellationToken);
        var scopes = command.Scopes.Aggregate(ConsentScope.None, (all, s) => all | s);
        archive.RecordConsent(command.GuardianName, command.Relation, command.GrantedOn, command.Method, scopes, store.Author.UserId, clock.GetUtcNow());
        return ArchiveStore.ConsentStatus(archive);
    }
}

public sealed class RecordGuardianConsentValidator : AbstractValidator<RecordGuardianConsentCommand>
{
    public RecordGuardianConsentValidator(TimeProvider clock)
    {
        RuleFor(x => x.GuardianName).NotEmpty().MaximumLength(ArchiveLimits.Name);
        RuleFor(x => x.Relation).NotEmpty().MaximumLength(20);
        RuleFor(x => x.GrantedOn).LessThanOrEqualTo(_ => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1)))
            .WithMessage(new LocalizedText("同意日期不能晚于今天。", "Consent cannot be dated in the future."));
        RuleFor(x => x.Method).IsInEnum();
        RuleFor(x => x.Scopes).NotEmpty();
        RuleForEach(x => x.Scopes).Must(s => s is ConsentScope.Archive or ConsentScope.SensitiveSections or ConsentScope.Goals)
            .WithMessage(new LocalizedText("同意范围须为 archive、sensitiveSections 或 goals。", "Scopes are archive, sensitiveSections or goals."));
    }
}

/// <summary>Records that the guardian withdrew their consent: archive writes stop (R8); what exists stays readable until erased.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record WithdrawGuardianConsentCommand(Guid StudentId) : ICommand<GuardianConsentStatusDto>, ISchoolRequest;

public sealed class WithdrawGuardianConsentHandler(ArchiveAccessPolicy access, ArchiveStore store, TimeProvider clock)
    : ICommandHandler<WithdrawGuardianConsentCommand, GuardianConsentStatusDto>
{
    public async ValueTask<GuardianConsentStatusDto> Handle(WithdrawGuardianConsentCommand command, CancellationToken cancellationToken)
    {
        await access.DemandConsentKeeperAsync(command.StudentId, cancellationToken);
        var archive = await store.ForWriteAsync(command.StudentId, cancellationToken);
        archive.WithdrawConsent(store.Author.UserId, clock.GetUtcNow());
        return ArchiveStore.ConsentStatus(archive);
    }
}

public sealed class WithdrawGuardianConsentValidator : AbstractValidator<WithdrawGuardianConsentCommand>
{
    public WithdrawGuardianConsentValidator() => RuleFor(x => x.StudentId).NotEmpty();
}
