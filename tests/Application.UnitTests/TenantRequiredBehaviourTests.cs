using MentorCloud.Application.Common.Behaviours;
using MentorCloud.Application.Common.Exceptions;

namespace MentorCloud.Application.UnitTests;

public sealed class TenantRequiredBehaviourTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task School_request_without_a_tenant_is_refused()
    {
        var next = new NextStep<SchoolQuery, string>("policy");
        var behaviour = new TenantRequiredBehaviour<SchoolQuery, string>(new FakeTenantContext(null));

        await Should.ThrowAsync<TenantRequiredException>(async () => await behaviour.Handle(new SchoolQuery(), next.Delegate, Ct));

        next.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task School_request_with_a_tenant_reaches_the_handler()
    {
        var next = new NextStep<SchoolQuery, string>("policy");
        var behaviour = new TenantRequiredBehaviour<SchoolQuery, string>(new FakeTenantContext(FakeTenantContext.FirstMiddle));

        (await behaviour.Handle(new SchoolQuery(), next.Delegate, Ct)).ShouldBe("policy");

        next.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Request_outside_any_school_needs_no_tenant()
    {
        var next = new NextStep<AdminCommand, string>("done");
        var behaviour = new TenantRequiredBehaviour<AdminCommand, string>(new FakeTenantContext(null));

        (await behaviour.Handle(new AdminCommand("x"), next.Delegate, Ct)).ShouldBe("done");

        next.Calls.ShouldBe(1);
    }
}
