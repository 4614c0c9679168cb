using MentorCloud.Application.Auth.Commands.IssueToken;
using MentorCloud.Application.Common.Behaviours;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Districts.Commands.CreateDistrict;
using MentorCloud.Application.Me.Queries.GetMe;

namespace MentorCloud.Application.UnitTests;

public sealed class AuthorizationBehaviourTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Role_request_refuses_an_unauthenticated_caller()
    {
        var next = new NextStep<AdminCommand, string>("done");
        var behaviour = new AuthorizationBehaviour<AdminCommand, string>(FakeCurrentUser.Anonymous());

        await Should.ThrowAsync<ForbiddenAccessException>(async () => await behaviour.Handle(new AdminCommand("x"), next.Delegate, Ct));

        next.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Role_request_refuses_an_unauthenticated_caller_even_if_roles_are_claimed()
    {
        var next = new NextStep<AdminCommand, string>("done");
        var behaviour = new AuthorizationBehaviour<AdminCommand, string>(new FakeCurrentUser(false, Roles.PlatformAdmin));

        await Should.ThrowAsync<ForbiddenAccessException>(async () => await behaviour.Handle(new AdminCommand("x"), next.Delegate, Ct));

        next.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Role_request_refuses_a_caller_with_the_wrong_role()
    {
        var next = new NextStep<AdminCommand, string>("done");
        var behaviour = new AuthorizationBehaviour<AdminCommand, string>(FakeCurrentUser.SignedIn(Roles.SchoolAdmin, Roles.Teacher));

        await Should.ThrowAsync<ForbiddenAccessException>(async () => await behaviour.Handle(new AdminCommand("x"), next.Delegate, Ct));

        next.Calls.ShouldBe(0);
    }

    [Theory]
    [InlineData(Roles.PlatformAdmin)]
    [InlineData(Roles.DistrictAdmin)]
    public async Task Role_request_lets_a_caller_with_any_declared_role_through(string role)
    {
        var next = new NextStep<AdminCommand, string>("done");
        var behaviour = new AuthorizationBehaviour<AdminCommand, string>(FakeCurrentUser.SignedIn(Roles.Teacher, role));

        var response = await behaviour.Handle(new AdminCommand("x"), next.Delegate, Ct);

        response.ShouldBe("done");
        next.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Anonymous_request_lets_an_unauthenticated_caller_through()
    {
        var next = new NextStep<AnonymousQuery, string>("token");
        var behaviour = new AuthorizationBehaviour<AnonymousQuery, string>(FakeCurrentUser.Anonymous());

        (await behaviour.Handle(new AnonymousQuery(), next.Delegate, Ct)).ShouldBe("token");

        next.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Any_user_request_lets_a_signed_in_caller_without_roles_through()
    {
        var next = new NextStep<AnyUserQuery, string>("me");
        var behaviour = new AuthorizationBehaviour<AnyUserQuery, string>(FakeCurrentUser.SignedIn());

        (await behaviour.Handle(new AnyUserQuery(), next.Delegate, Ct)).ShouldBe("me");

        next.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task Any_user_request_refuses_an_unauthenticated_caller()
    {
        var next = new NextStep<AnyUserQuery, string>("me");
        var behaviour = new AuthorizationBehaviour<AnyUserQuery, string>(FakeCurrentUser.Anonymous());

        await Should.ThrowAsync<ForbiddenAccessException>(async () => await behaviour.Handle(new AnyUserQuery(), next.Delegate, Ct));

        next.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Request_without_a_declaration_is_refused_even_with_every_role()
    {
        var next = new NextStep<UndeclaredQuery, string>("leak");
        var behaviour = new AuthorizationBehaviour<UndeclaredQuery, string>(FakeCurrentUser.SignedIn([.. Roles.All]));

        await Should.ThrowAsync<ForbiddenAccessException>(async () => await behaviour.Handle(new UndeclaredQuery(), next.Delegate, Ct));

        next.Calls.ShouldBe(0);
    }

    [Fact]
    public void Request_access_reads_the_declarations_of_real_requests()
    {
        RequestAccess.Of(typeof(IssueTokenCommand)).ShouldBe(new RequestAccess(true, null));
        RequestAccess.Of(typeof(GetMeQuery)).ShouldBe(new RequestAccess(false, null));
        var createDistrict = RequestAccess.Of(typeof(CreateDistrictCommand));
        createDistrict.Anonymous.ShouldBeFalse();
        createDistrict.Roles.ShouldBe([Roles.PlatformAdmin]);
        RequestAccess.Of(typeof(UndeclaredQuery)).Roles.ShouldBeEmpty();
    }

    [Fact]
    public async Task Background_work_passes_only_requests_declared_for_it()
    {
        var worker = new SystemUser("reminders");
        var next = new NextStep<BackgroundCommand, string>("done");

        (await new AuthorizationBehaviour<BackgroundCommand, string>(worker).Handle(new BackgroundCommand(), next.Delegate, Ct)).ShouldBe("done");
        await Should.ThrowAsync<ForbiddenAccessException>(async () =>
            await new AuthorizationBehaviour<SchoolQuery, string>(worker).Handle(new SchoolQuery(), new NextStep<SchoolQuery, string>("x").Delegate, Ct));
        await Should.ThrowAsync<ForbiddenAccessException>(async () =>
            await new AuthorizationBehaviour<BackgroundCommand, string>(FakeCurrentUser.SignedIn(Roles.SchoolAdmin)).Handle(new BackgroundCommand(), next.Delegate, Ct));
        next.Calls.ShouldBe(1);
        worker.Username.ShouldBe("system:reminders");
        Should.Throw<ArgumentException>(() => new SystemUser(" "));
        Roles.All.ShouldNotContain(Roles.System);
    }
}
