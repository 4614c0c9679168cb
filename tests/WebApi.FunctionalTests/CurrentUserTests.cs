using System.Security.Claims;
using MentorCloud.Application.Common.Security;
using MentorCloud.Infrastructure.Identity;
using MentorCloud.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace MentorCloud.WebApi.FunctionalTests;

public sealed class CurrentUserTests
{
    [Fact]
    public void A_token_cannot_claim_the_role_of_background_work()
    {
        var identity = new ClaimsIdentity(
            [new Claim(MentorCloudClaims.Role, Roles.Teacher), new Claim(MentorCloudClaims.Role, Roles.System), new Claim(MentorCloudClaims.Role, "root")], "Bearer");
        var user = new HttpCurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity) } });

        user.IsAuthenticated.ShouldBeTrue();
        user.Roles.ShouldBe([Roles.Teacher]);
    }
}
