using MentorCloud.Application.Auth.Commands.IssueToken;
using MentorCloud.Application.Districts.Commands.CreateDistrict;
using MentorCloud.Application.Districts.Queries.GetDistricts;
using MentorCloud.Application.Me.Queries.GetMe;
using MentorCloud.Domain.Auditing;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Schools;
using MentorCloud.Infrastructure.Events;
using MentorCloud.Infrastructure.Identity;

namespace MentorCloud.Architecture.Tests;

public sealed class ConventionTests
{
    private static readonly IReadOnlyList<Type> ApplicationTypes = Layers.Application.GetTypes();

    [Fact]
    public void Every_command_has_a_public_validator()
    {
        ArchitectureRules.Commands(ApplicationTypes).ShouldContain(typeof(CreateDistrictCommand));
        ArchitectureRules.Commands(ApplicationTypes).ShouldContain(typeof(IssueTokenCommand));

        ArchitectureRules.CommandsWithoutValidator(ApplicationTypes).ShouldBeEmpty();
    }

    [Fact]
    public void Every_request_declares_exactly_one_access_attribute()
    {
        var requests = ArchitectureRules.Requests(Layers.AllTypes);
        requests.ShouldContain(typeof(CreateDistrictCommand));
        requests.ShouldContain(typeof(GetDistrictsQuery));
        requests.ShouldContain(typeof(GetMeQuery));

        ArchitectureRules.RequestsWithoutExactlyOneAccessDeclaration(Layers.AllTypes).ShouldBeEmpty();
    }

    [Fact]
    public void Every_entity_is_either_tenant_owned_or_global()
    {
        var entities = ArchitectureRules.Entities(Layers.AllTypes);
        entities.ShouldContain(typeof(District));
        entities.ShouldContain(typeof(School));
        entities.ShouldContain(typeof(SchoolPolicy));
        entities.ShouldContain(typeof(UserAccount));

        ArchitectureRules.EntitiesWithoutExactlyOneTenancyMarker(Layers.AllTypes).ShouldBeEmpty();
    }

    /// <summary>Side effects flow from domain events: use cases never write audit entries or outbox messages themselves.</summary>
    [Fact]
    public void Only_the_event_handlers_of_the_audit_trail_and_the_outbox_create_their_rows()
    {
        var rows = new[] { typeof(AuditEntry), typeof(OutboxMessage) };

        Layers.All.SelectMany(layer => ArchitectureRules.TypesConstructing(layer, rows))
            .ShouldBe([typeof(AuditTrail).FullName!, typeof(OutboxWriter).FullName!], ignoreOrder: true);
    }

    [Fact]
    public void Handlers_are_public_sealed()
    {
        var handlers = ArchitectureRules.Handlers(Layers.AllTypes);
        handlers.ShouldContain(typeof(CreateDistrictHandler));
        handlers.ShouldContain(typeof(GetMeHandler));

        ArchitectureRules.HandlersNotPublicSealed(Layers.AllTypes).ShouldBeEmpty();
    }

    /// <summary>
    /// Every message a caller reads follows <c>Accept-Language</c> (API.md): a rule's own message is a
    /// <see cref="Domain.Common.LocalizedText"/>, never a fixed string. The domain's refusals take one by their type.
    /// </summary>
    [Fact]
    public void Validation_messages_are_given_in_both_languages() =>
        Layers.All.SelectMany(ArchitectureRules.TypesGivingRulesAFixedMessage).ShouldBeEmpty();
}
