using System.Text;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Infrastructure.Encryption;
using MentorCloud.Infrastructure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace MentorCloud.Infrastructure;

/// <summary>
/// Settings that are fine on a developer's machine and dangerous anywhere else: a guessable token signing key, a
/// weak bootstrap password for the platform admin, demo accounts with published passwords, no archive key ring or
/// one holding the public development key. Outside Development
/// (and the test suite's Testing environment) start-up stops and names each one.
/// </summary>
public static class StartupConfiguration
{
    public const int MinKeyDistinctCharacters = 12;
    public const double MinKeyBitsPerCharacter = 3.0;

    private static readonly string[] PlaceholderWords = ["changeme", "change-me", "change_me", "placeholder", "secret", "development", "example", "password", "replace"];

    public static void RefuseUnsafe(IConfiguration configuration, IHostEnvironment environment)
    {
        if (AllowsDevelopmentDefaults(environment)) return;
        var problems = Problems(configuration).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException($"Unsafe configuration for environment {environment.EnvironmentName}: {string.Join(" ", problems)}");
    }

    /// <summary>Development, and the test suite's Testing environment: where throw-away defaults may stand in for real settings.</summary>
    public static bool AllowsDevelopmentDefaults(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        if (configuration[$"{JwtOptions.Section}:SigningKey"] is { Length: > 0 } key && !IsStrongSigningKey(key))
            yield return $"Jwt:SigningKey is a placeholder or too weak: use at least {SigningKeyProvider.MinKeyBytes} random bytes " +
                         $"(at least {MinKeyDistinctCharacters} different characters, no words such as 'secret' or 'changeme'), e.g. from `openssl rand -base64 48`.";
        if (configuration["Bootstrap:PlatformAdmin:Password"] is { Length: > 0 } password && !AccountRules.MeetsPasswordPolicy(password))
            yield return $"Bootstrap:PlatformAdmin:Password does not meet the password policy ({AccountRules.MinPasswordLength}–{AccountRules.MaxPasswordLength} characters " +
                         "with letters and digits); set a strong one, or leave it empty to have one generated and shown once on standard error.";
        if (configuration.GetValue<bool>("Demo:Seed"))
            yield return "Demo:Seed is on: the demo accounts have published passwords; demo data is for Development only.";
        var encryption = configuration.GetSection(EncryptionOptions.Section).Get<EncryptionOptions>() ?? new EncryptionOptions();
        foreach (var problem in ArchiveKeyRing.Problems(encryption, developmentKeyAllowed: false))
            yield return problem;
    }

    /// <summary>Long enough, varied enough (distinct characters and Shannon entropy per character), and no placeholder word.</summary>
    public static bool IsStrongSigningKey(string key)
    {
        if (Encoding.UTF8.GetByteCount(key) < SigningKeyProvider.MinKeyBytes) return false;
        if (PlaceholderWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase))) return false;
        var counts = key.GroupBy(c => c).Select(g => (double)g.Count()).ToList();
        var entropy = -counts.Sum(n => n / key.Length * Math.Log2(n / key.Length));
        return counts.Count >= MinKeyDistinctCharacters && entropy >= MinKeyBitsPerCharacter;
    }
}
