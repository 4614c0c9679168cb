using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace MentorCloud.Infrastructure.Identity;

/// <summary><c>Jwt:*</c>: local token issuing, or trust in an external OpenID Connect issuer (<c>Jwt:Authority</c>).</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    /// <summary>HMAC key for local tokens, at least 32 bytes. Empty in Development: a key is generated per process.</summary>
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "mentorcloud";
    public string Audience { get; set; } = "mentorcloud-api";
    public string? Authority { get; set; }
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}

/// <summary><c>Auth:Lockout:*</c>: how many failed sign-ins lock an account, and for how long.</summary>
public sealed class SignInLockoutOptions
{
    public const string Section = "Auth:Lockout";

    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>The one signing key of this process, configured or (in Development only) generated.</summary>
public sealed class SigningKeyProvider
{
    public const int MinKeyBytes = 32;

    public SigningKeyProvider(JwtOptions options, bool allowGenerated)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var bytes = Encoding.UTF8.GetBytes(options.SigningKey);
            if (bytes.Length < MinKeyBytes)
                throw new InvalidOperationException($"Jwt:SigningKey must be at least {MinKeyBytes} bytes.");
            Key = new SymmetricSecurityKey(bytes);
        }
        else if (allowGenerated)
        {
            Key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64));
            IsGenerated = true;
        }
        else if (string.IsNullOrWhiteSpace(options.Authority))
        {
            throw new InvalidOperationException("Set Jwt:SigningKey (local tokens) or Jwt:Authority (external issuer).");
        }
    }

    /// <summary>Null when tokens come only from an external issuer.</summary>
    public SymmetricSecurityKey? Key { get; }

    public bool IsGenerated { get; }
}

/// <summary>
/// <c>Auth:AccountCheckInterval</c>: how long an answer to "is this token's account still active?" is kept before the
/// catalog is asked again. R16 wants a deactivated account's tokens to stop within a minute, so at most one minute.
/// </summary>
public sealed class AccountCheckOptions
{
    public const string Section = "Auth";
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    public TimeSpan AccountCheckInterval { get; set; } = Longest;
}
