using System.Security.Claims;
using System.Text;
using MentorCloud.Infrastructure.Identity;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>A token is validated once and remembered while valid; never longer, and never when it failed.</summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("a-local-signing-key-of-at-least-32-bytes!"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2031, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CountingHandler _inner = new();
    private readonly ValidatedTokenCache _cache;

    public ValidatedTokenCacheTests() => _cache = new ValidatedTokenCache(_inner, _clock);

    [Fact]
    public async Task A_valid_token_is_checked_once_and_every_request_gets_its_own_identity()
    {
        var token = Token(TimeSpan.FromHours(1));

        var first = await _cache.ValidateTokenAsync(token, Parameters());
        var second = await _cache.ValidateTokenAsync(token, Parameters());

        first.IsValid.ShouldBeTrue();
        second.IsValid.ShouldBeTrue();
        _inner.Validations.ShouldBe(1);
        second.ClaimsIdentity.ShouldNotBeSameAs(first.ClaimsIdentity);
        second.ClaimsIdentity.FindFirst("sub")!.Value.ShouldBe("user-1");
        second.ClaimsIdentity.RoleClaimType.ShouldBe("role");
        new ClaimsPrincipal(second.ClaimsIdentity).IsInRole("teacher").ShouldBeTrue();
        second.SecurityToken.ShouldBeOfType<JsonWebToken>().Issuer.ShouldBe("mentorcloud");
    }

    [Fact]
    public async Task A_token_that_failed_is_checked_again_every_time()
    {
        var token = Token(TimeSpan.FromHours(1));
        var tampered = token[..^2] + (token[^2] == 'A' ? "BB" : "AA");

        (await _cache.ValidateTokenAsync(tampered, Parameters())).IsValid.ShouldBeFalse();
        (await _cache.ValidateTokenAsync(tampered, Parameters())).IsValid.ShouldBeFalse();

        _inner.Validations.ShouldBe(2);
        _cache.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_has_expired()
    {
        var token = Token(TimeSpan.FromMinutes(2));
        (await _cache.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();

        _clock.Advance(TimeSpan.FromMinutes(3));
        var late = await _cache.ValidateTokenAsync(token, Parameters());

        late.IsValid.ShouldBeFalse();
        _inner.Validations.ShouldBe(2);
    }

    [Fact]
    public async Task A_long_lived_token_is_checked_again_after_the_longest_memory()
    {
        var token = Token(TimeSpan.FromHours(1));
        await _cache.ValidateTokenAsync(token, Parameters());

        _clock.Advance(ValidatedTokenCache.MaxAge - TimeSpan.FromSeconds(1));
        await _cache.ValidateTokenAsync(token, Parameters());
        _inner.Validations.ShouldBe(1);

        _clock.Advance(TimeSpan.FromSeconds(2));
        (await _cache.ValidateTokenAsync(token, Parameters())).IsValid.ShouldBeTrue();
        _inner.Validations.ShouldBe(2);
    }

    private string Token(TimeSpan lifetime)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "user-1"), new Claim("role", "teacher")]),
            Issuer = "mentorcloud",
            Audience = "mentorcloud-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The service's checks, with lifetime read from the test's clock.</summary>
    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "mentorcloud",
        ValidAudience = "mentorcloud-api",
        IssuerSigningKey = Key,
        RoleClaimType = "role",
        LifetimeValidator = (notBefore, expires, _, _) => notBefore <= _clock.GetUtcNow().UtcDateTime && _clock.GetUtcNow().UtcDateTime < expires,
    };

    private sealed class CountingHandler : TokenHandler
    {
        private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

        public int Validations { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Validations++;
            return _handler.ValidateTokenAsync(token, validationParameters);
        }
    }
}
