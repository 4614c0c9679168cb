using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Common;

// Deliberately broken types that only the rule self-tests look at; the real tests scan src/ only.
namespace MentorCloud.Architecture.Tests.Fixtures;

public sealed record ValidatedCommand : ICommand<int>;

public sealed class ValidatedCommandValidator : AbstractValidator<ValidatedCommand>;

public sealed record UnvalidatedCommand : ICommand<int>;

public sealed record InternallyValidatedCommand : ICommand<int>;

internal sealed class InternallyValidatedCommandValidator : AbstractValidator<InternallyValidatedCommand>;

[AnyAuthenticatedUser]
public sealed record DeclaredQuery : IQuery<int>;

public sealed record UndeclaredQuery : IQuery<int>;

[AllowAnonymousRequest]
[RequiresRole(Roles.Teacher)]
public sealed record DoublyDeclaredQuery : IQuery<int>;

public sealed class TenantEntity : Entity, ITenantOwned;

public sealed class GlobalEntity : Entity, IGlobalEntity;

public sealed class UnmarkedEntity : Entity;

public sealed class DoublyMarkedEntity : Entity, ITenantOwned, IGlobalEntity;

public sealed class SealedHandler : IQueryHandler<DeclaredQuery, int>
{
    public ValueTask<int> Handle(DeclaredQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(1);
}

public class UnsealedHandler : ICommandHandler<ValidatedCommand, int>
{
    public ValueTask<int> Handle(ValidatedCommand command, CancellationToken cancellationToken) => ValueTask.FromResult(1);
}

internal sealed class InternalHandler : IQueryHandler<UndeclaredQuery, int>
{
    public ValueTask<int> Handle(UndeclaredQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(1);
}

/// <summary>A use case that writes an audit row by hand, in an async method.</summary>
public sealed class HandWrittenAudit
{
    public async Task<object> WriteAsync()
    {
        await Task.Yield();
        return new Domain.Auditing.AuditEntry(DateTimeOffset.UtcNow, null, null, "x", "y", null, null);
    }
}

public sealed record Described(string? Name);

/// <summary>A validator whose rule speaks one language only, inside a nested rule set.</summary>
public sealed class OneLanguageValidator : AbstractValidator<Described>
{
    public OneLanguageValidator()
    {
        RuleSet("names", () => RuleFor(x => x.Name).NotEmpty().WithMessage("A name is required."));
    }
}

/// <summary>A validator whose rule's message follows the caller's language.</summary>
public sealed class BilingualValidator : AbstractValidator<Described>
{
    public BilingualValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage(new LocalizedText("请填写名称。", "A name is required."));
    }
}
