using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Encryption;

/// <summary>
/// The <c>Encryption</c> settings: the master keys that seal the archive's sensitive sections. They live in
/// configuration (a secret store, environment variables), never in the database the ciphertexts are in.
/// </summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    /// <summary>Key id → base64 of exactly 32 random bytes. The id is written into every text the key seals.</summary>
    public Dictionary<string, string> KeyRing { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The key that seals new texts; may stay empty when the ring holds a single key.</summary>
    public string? ActiveKeyId { get; set; }
}

/// <summary>
/// The key Development and Testing use when no ring is configured, so that <c>dotnet run</c> works. Its bytes follow
/// from a constant in this source, so it protects nothing; start-up refuses it anywhere else, by id and by bytes.
/// A fixed key, not one generated per machine, because development data is throw-away and every process of a
/// developer's setup (API, test hosts, a database shared between them) must open the same texts.
/// </summary>
public static class DevelopmentArchiveKey
{
    public const string Id = "development";

    private static readonly byte[] Bytes = SHA256.HashData("MentorCloud public development archive key: throw-away data only"u8);

    public static readonly string Base64 = Convert.ToBase64String(Bytes);

    public static bool Is(string keyId, ReadOnlySpan<byte> key) =>
        keyId.Equals(Id, StringComparison.OrdinalIgnoreCase) || CryptographicOperations.FixedTimeEquals(key, Bytes);

    /// <summary>Puts the development key into an empty ring and makes it active.</summary>
    public static void AddWhenRingIsEmpty(EncryptionOptions options)
    {
        if (options.KeyRing.Count > 0) return;
        options.KeyRing[Id] = Base64;
        if (string.IsNullOrWhiteSpace(options.ActiveKeyId)) options.ActiveKeyId = Id;
    }
}

/// <summary>Refuses to start with a key ring that cannot seal and open every text it should; each message names its key.</summary>
public sealed class EncryptionOptionsValidator(bool developmentKeyAllowed) : IValidateOptions<EncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options) =>
        ArchiveKeyRing.Problems(options, developmentKeyAllowed) is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
}
