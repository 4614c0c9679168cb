using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MentorCloud.Infrastructure.Identity;

/// <summary>
/// Validates local tokens with the signing key, or external ones against <c>Jwt:Authority</c>'s published keys; then
/// checks that the token's account is still active (<see cref="AccountCheckingJwtBearerEvents"/>). A token is validated
/// once and remembered while it is valid (<see cref="ValidatedTokenCache"/>).
/// </summary>
public sealed class ConfigureJwtBearer(IOptions<JwtOptions> jwt, SigningKeyProvider signingKey, ValidatedTokenCache tokens) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options) => Configure(options);

    public void Configure(JwtBearerOptions options)
    {
        var settings = jwt.Value;
        // Nothing reads the token back from the authentication properties; storing it costs every request.
        options.SaveToken = false;
        // The one handler keeps claims under the names the token gives them (it does not map inbound claims).
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(tokens);
        options.EventsType = typeof(AccountCheckingJwtBearerEvents);
        options.Authority = string.IsNullOrWhiteSpace(settings.Authority) ? null : settings.Authority;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = settings.Authority is { Length: > 0 } authority ? [settings.Issuer, authority] : [settings.Issuer],
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKey = signingKey.Key,
            ValidateIssuerSigningKey = true,
            NameClaimType = MentorCloudClaims.Username,
            RoleClaimType = MentorCloudClaims.Role,
        };
    }
}
