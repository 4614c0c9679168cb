using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Identity;

/// <summary>
/// A valid signature is not enough: the account the token names must still exist and be active (R16), so a
/// deactivated user's tokens stop working within <c>Auth:AccountCheckInterval</c> rather than at their expiry.
/// Tokens of the external issuer (<c>Jwt:Authority</c>) are checked only when their subject is a local account;
/// the external issuer answers for the accounts it alone knows.
/// </summary>
public sealed class AccountCheckingJwtBearerEvents(ActiveAccounts accounts, IOptions<JwtOptions> jwt) : JwtBearerEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var local = string.Equals(context.SecurityToken.Issuer, jwt.Value.Issuer, StringComparison.Ordinal);
        var subject = context.Principal?.FindFirst(MentorCloudClaims.Subject)?.Value;
        if (!Guid.TryParse(subject, out var userId))
        {
            if (local) context.Fail("The token names no account.");
            return;
        }

        switch (await accounts.IsActiveAsync(userId, context.HttpContext.RequestAborted))
        {
            case true:
                return;
            case null when !local:
                return;
            default:
                context.Fail("The account is no longer active.");
                return;
        }
    }
}
