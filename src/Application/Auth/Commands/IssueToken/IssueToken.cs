using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;

namespace MentorCloud.Application.Auth.Commands.IssueToken;

/// <summary>Exchanges a username and password for a bearer token; failures lock out the username from <paramref name="ClientAddress"/> only.</summary>
[AllowAnonymousRequest]
public sealed record IssueTokenCommand(string Username, string Password, string ClientAddress) : ICommand<TokenResponse>;

/// <summary><c>{accessToken, tokenType: "Bearer", expiresIn}</c>; <c>expiresIn</c> in seconds.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

public sealed class IssueTokenHandler(IIdentityService identity) : ICommandHandler<IssueTokenCommand, TokenResponse>
{
    public async ValueTask<TokenResponse> Handle(IssueTokenCommand command, CancellationToken cancellationToken)
    {
        var token = await identity.IssueTokenAsync(command.Username, command.Password, command.ClientAddress, cancellationToken);
        return new TokenResponse(token.Token, "Bearer", (int)token.ExpiresIn.TotalSeconds);
    }
}
