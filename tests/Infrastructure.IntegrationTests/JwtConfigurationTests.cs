using System.Security.Claims;
using MentorCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>Tokens come from the local signing key, or from an external OpenID Connect issuer (<c>Jwt:Authority</c>).</summary>
public sealed class JwtConfigurationTests
{
    private static JwtBearerOptions Configure(JwtOptions jwt, bool development)
    {
        var options = new JwtBearerOptions();
        new ConfigureJwtBearer(Options.Create(jwt), new SigningKeyProvider(jwt, development), ValidatedTokenCache.ForJsonWebTokens(TimeProvider.System)).Configure(options);
        return options;
    }

    [Fact]
    public void An_external_issuer_is_trusted_through_its_metadata_and_claims_keep_their_names()
    {
        var options = Configure(new JwtOptions { Authority = "https://login.example.edu.cn/realms/district", Audience = "mentorcloud-api" }, development: false);

        options.Authority.ShouldBe("https://login.example.edu.cn/realms/district");
        options.TokenValidationParameters.ValidIssuers.ShouldContain("https://login.example.edu.cn/realms/district");
        options.TokenValidationParameters.IssuerSigningKey.ShouldBeNull();
        options.TokenValidationParameters.RoleClaimType.ShouldBe("role");
    }

    [Fact]
    public async Task The_configured_handler_keeps_the_claims_names_a_token_carries()
    {
        var jwt = new JwtOptions { SigningKey = "a-local-signing-key-of-at-least-32-bytes!" };
        var options = Configure(jwt, development: false);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "user-1"), new Claim("role", "teacher"), new Claim("school", "demo-school")]),
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(options.TokenValidationParameters.IssuerSigningKey, SecurityAlgorithms.HmacSha256),
        });

        var result = await options.TokenHandlers.ShouldHaveSingleItem().ValidateTokenAsync(token, options.TokenValidationParameters);

        result.IsValid.ShouldBeTrue();
        var types = result.ClaimsIdentity.Claims.Select(c => c.Type).ToList();
        types.ShouldContain("sub");
        types.ShouldContain("role");
        types.ShouldContain("school");
        types.ShouldAllBe(t => !t.StartsWith("http://"), "no claim is renamed to its WS-Federation URI");
        new ClaimsPrincipal(result.ClaimsIdentity).IsInRole("teacher").ShouldBeTrue();
    }

    [Fact]
    public void Local_tokens_are_validated_with_the_configured_key_for_issuer_audience_and_lifetime()
    {
        var options = Configure(new JwtOptions { SigningKey = "a-local-signing-key-of-at-least-32-bytes!" }, development: false);

        options.Authority.ShouldBeNull();
        options.TokenValidationParameters.IssuerSigningKey.ShouldNotBeNull();
        options.TokenValidationParameters.ValidIssuers.ShouldBe(["mentorcloud"]);
        options.TokenValidationParameters.ValidAudience.ShouldBe("mentorcloud-api");
        options.TokenValidationParameters.ValidateLifetime.ShouldBeTrue();
        options.EventsType.ShouldBe(typeof(AccountCheckingJwtBearerEvents), "a valid signature is not enough: the account must still be active");
        options.SaveToken.ShouldBeFalse("nothing reads the token back from the authentication properties");
    }

    [Fact]
    public void Outside_development_a_key_or_an_authority_is_required()
    {
        Should.Throw<InvalidOperationException>(() => new SigningKeyProvider(new JwtOptions(), allowGenerated: false));
        Should.Throw<InvalidOperationException>(() => new SigningKeyProvider(new JwtOptions { SigningKey = "short" }, allowGenerated: false));
        new SigningKeyProvider(new JwtOptions(), allowGenerated: true).IsGenerated.ShouldBeTrue();
    }
}
