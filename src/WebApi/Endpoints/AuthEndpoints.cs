using Mediator;
using MentorCloud.Application.Auth.Commands.IssueToken;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Me.Queries.GetMe;
using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.Endpoints;

public static class AuthEndpoints
{
    public const string TokenRateLimitPolicy = "token";

    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", (TokenRequest request, HttpContext http, ISender sender, CancellationToken ct) =>
                sender.Send(new IssueTokenCommand(request.Username, request.Password, ClientAddress.Of(http)), ct))
            .WithName("issueToken")
            .AllowAnonymous()
            .RequireRateLimiting(TokenRateLimitPolicy)
            .WithTags("Auth")
            .WithSummary("Exchange a username and password for a bearer token")
            .WithRequestExample(new TokenRequest(ApiExamples.SchoolAdmin.Username, ApiExamples.SchoolAdmin.Password))
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/me", (ISender sender, CancellationToken ct) => sender.Send(new GetMeQuery(), ct))
            .WithTags("Auth")
            .WithSummary("The caller's own account")
            .Produces<UserProfile>();
        return api;
    }

    /// <summary>The body of <c>POST /auth/token</c>.</summary>
    public sealed record TokenRequest(string Username, string Password);
}
