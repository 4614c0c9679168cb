using MentorCloud.Architecture.Tests.Fixtures;

namespace MentorCloud.Architecture.Tests;

/// <summary>Proves each architecture rule can fail: applied to code that breaks it, it names the offender.</summary>
public sealed class RuleSelfTests
{
    private static readonly IReadOnlyList<Type> Fixtures =
        [.. typeof(RuleSelfTests).Assembly.GetTypes().Where(t => t.Namespace == typeof(ValidatedCommand).Namespace)];

    [Fact]
    public void Construction_rule_finds_a_row_built_by_hand_even_inside_an_async_method()
    {
        ArchitectureRules.TypesConstructing(typeof(RuleSelfTests).Assembly, typeof(Domain.Auditing.AuditEntry))
            .ShouldBe([typeof(HandWrittenAudit).FullName!]);
    }

    [Fact]
    public void Message_rule_finds_a_rule_given_a_fixed_text_even_inside_a_lambda() =>
        ArchitectureRules.TypesGivingRulesAFixedMessage(typeof(RuleSelfTests).Assembly)
            .ShouldBe([typeof(OneLanguageValidator).FullName!]);

    [Fact]
    public void Namespace_rule_catches_a_layer_that_uses_a_forbidden_namespace()
    {
        ArchitectureRules.TypesDependingOn(Layers.Application, LayerDependencyTests.ForbiddenInDomain)
            .ShouldContain(typeof(MentorCloud.Application.Districts.Commands.CreateDistrict.CreateDistrictHandler).FullName!);
        ArchitectureRules.TypesDependingOn(Layers.WebApi, "MentorCloud.Infrastructure").ShouldNotBeEmpty();
    }

    [Fact]
    public void Reference_rule_catches_project_and_package_references()
    {
        var references = ArchitectureRules.ReferencesOutsideTheBaseRuntime(Layers.Application);

        references.ShouldContain("MentorCloud.Domain");
        references.ShouldContain("Mediator");
        references.ShouldContain("FluentValidation");
        references.ShouldNotContain("System.Runtime");
        ArchitectureRules.ReferencedAssemblyNames(Layers.WebApi).ShouldContain("MentorCloud.Infrastructure");
    }

    [Fact]
    public void Validator_rule_catches_commands_without_a_public_validator() =>
        ArchitectureRules.CommandsWithoutValidator([.. Fixtures])
            .ShouldBe([typeof(UnvalidatedCommand), typeof(InternallyValidatedCommand)], ignoreOrder: true);

    [Fact]
    public void Access_rule_catches_requests_with_no_or_two_declarations() =>
        ArchitectureRules.RequestsWithoutExactlyOneAccessDeclaration(Fixtures)
            .ShouldBe([typeof(UndeclaredQuery), typeof(DoublyDeclaredQuery), typeof(ValidatedCommand), typeof(UnvalidatedCommand), typeof(InternallyValidatedCommand)], ignoreOrder: true);

    [Fact]
    public void Tenancy_rule_catches_entities_with_no_or_both_markers() =>
        ArchitectureRules.EntitiesWithoutExactlyOneTenancyMarker(Fixtures)
            .ShouldBe([typeof(UnmarkedEntity), typeof(DoublyMarkedEntity)], ignoreOrder: true);

    [Fact]
    public void Handler_rule_catches_unsealed_and_internal_handlers() =>
        ArchitectureRules.HandlersNotPublicSealed(Fixtures)
            .ShouldBe([typeof(UnsealedHandler), typeof(InternalHandler)], ignoreOrder: true);
}
