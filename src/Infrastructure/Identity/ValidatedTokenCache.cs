using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorCloud.Infrastructure.Identity;

/// <summary>
/// Validates a bearer token once and remembers that it was valid until it expires, for at most <see cref="MaxAge"/>.
/// A client sends the same token with every request of its lifetime; reading it, checking its signature and building
/// its claims each time was the largest part of authentication's cost. Only valid tokens are remembered, each request
/// gets its own copy of the identity, and the account check (<see cref="AccountCheckingJwtBearerEvents"/>) still runs on
/// every request, so a deactivated account is refused as before. An external issuer's key rotation reaches a remembered
/// token within <see cref="MaxAge"/>.
/// </summary>
public sealed class ValidatedTokenCache(TokenHandler inner, TimeProvider time) : TokenHandler
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>Tokens remembered at most; when full, expired ones are dropped, and if none has expired, all of them.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);

    /// <summary>The handler the service uses: JSON web tokens, claims under the names they were issued with.</summary>
    public static ValidatedTokenCache ForJsonWebTokens(TimeProvider time) => new(new JsonWebTokenHandler { MapInboundClaims = false }, time);

    public int Count => _validated.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_validated.TryGetValue(token, out var known))
        {
            if (now < known.Until)
                return new TokenValidationResult { IsValid = true, SecurityToken = known.Token, ClaimsIdentity = known.Identity.Clone(), TokenType = known.TokenType };
            _validated.TryRemove(new KeyValuePair<string, Validated>(token, known));
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } securityToken && result.ClaimsIdentity is { } identity)
            Remember(token, new Validated(securityToken, identity.Clone(), result.TokenType, Until(securityToken, now)), now);
        return result;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    private static DateTimeOffset Until(SecurityToken token, DateTimeOffset now)
    {
        var cap = now + MaxAge;
        if (token.ValidTo == DateTime.MinValue) return cap;
        var expires = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc));
        return expires < cap ? expires : cap;
    }

    private void Remember(string token, Validated validated, DateTimeOffset now)
    {
        if (validated.Until <= now) return;
        if (_validated.Count >= Capacity)
        {
            foreach (var (key, entry) in _validated)
                if (entry.Until <= now) _validated.TryRemove(new KeyValuePair<string, Validated>(key, entry));
            if (_validated.Count >= Capacity) _validated.Clear();
        }
        _validated[token] = validated;
    }

    private sealed record Validated(SecurityToken Token, ClaimsIdentity Identity, string? TokenType, DateTimeOffset Until);
}
