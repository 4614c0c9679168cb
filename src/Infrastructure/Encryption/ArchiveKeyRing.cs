using System.Text.RegularExpressions;

namespace MentorCloud.Infrastructure.Encryption;

/// <summary>
/// The master keys of <see cref="EncryptionOptions"/>, decoded and checked. Ids match case-insensitively, as
/// configuration keys do, and keep the spelling of the configuration.
/// </summary>
public sealed partial class ArchiveKeyRing
{
    public const int KeyBytes = 32;

    /// <summary>Fewer different byte values than this in 32 bytes is a typed placeholder, not <c>openssl rand</c> output (which has about 30).</summary>
    public const int MinDistinctKeyBytes = 16;

    public const string GenerateHint = "generate one with `openssl rand -base64 32`";

    private readonly Dictionary<string, (string Id, byte[] Key)> _keys;

    private ArchiveKeyRing(Dictionary<string, (string Id, byte[] Key)> keys, string activeKeyId)
    {
        _keys = keys;
        ActiveKeyId = activeKeyId;
    }

    /// <summary>The id of the key that seals new texts, spelled as configured.</summary>
    public string ActiveKeyId { get; }

    public bool TryGet(string keyId, out string id, out byte[] key)
    {
        var found = _keys.TryGetValue(keyId, out var entry);
        (id, key) = found ? entry : (keyId, []);
        return found;
    }

    public static bool IsKeyId(ReadOnlySpan<char> keyId) => KeyIdPattern().IsMatch(keyId);

    /// <summary>The ring of <paramref name="options"/>; any problem stops here, so a cipher never runs on a half-read ring.</summary>
    public static ArchiveKeyRing From(EncryptionOptions options)
    {
        var (keys, active, problems) = Read(options, developmentKeyAllowed: true);
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        return new ArchiveKeyRing(keys, active!);
    }

    /// <summary>Every reason the settings cannot be used, each naming its setting and key id, never key bytes.</summary>
    public static IReadOnlyList<string> Problems(EncryptionOptions options, bool developmentKeyAllowed) =>
        Read(options, developmentKeyAllowed).Problems;

    private static (Dictionary<string, (string Id, byte[] Key)> Keys, string? Active, List<string> Problems) Read(
        EncryptionOptions options, bool developmentKeyAllowed)
    {
        var ring = $"{EncryptionOptions.Section}:{nameof(EncryptionOptions.KeyRing)}";
        var keys = new Dictionary<string, (string Id, byte[] Key)>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        if (options.KeyRing.Count == 0)
            problems.Add($"{ring} is empty: archive sections cannot be encrypted. Add a key as {ring}:{{keyId}} = base64 of {KeyBytes} random bytes " +
                         $"({GenerateHint}) and keep it outside the database.");

        foreach (var (id, value) in options.KeyRing.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!IsKeyId(id))
            {
                problems.Add($"{ring} has a key whose id is not 1–32 letters, digits, '-' or '_': '{Shown(id)}'.");
                continue;
            }
            var setting = $"{ring}:{id}";
            var text = value?.Trim() ?? "";
            var buffer = new byte[text.Length * 3 / 4 + 3];
            if (text.Length == 0 || !Convert.TryFromBase64String(text, buffer, out var length))
            {
                problems.Add($"{setting} is not base64: a key is {KeyBytes} random bytes in base64; {GenerateHint}.");
                continue;
            }
            if (length != KeyBytes)
            {
                problems.Add($"{setting} is {length} bytes long: a key is {KeyBytes} random bytes (AES-256); {GenerateHint}.");
                continue;
            }
            var key = buffer[..KeyBytes];
            if (!developmentKeyAllowed && DevelopmentArchiveKey.Is(id, key))
                problems.Add($"{setting} uses the id or the bytes of the development key, which are public: use them in Development only; {GenerateHint}.");
            else if (key.Distinct().Count() < MinDistinctKeyBytes)
                problems.Add($"{setting} is not random (too few different bytes): {GenerateHint}.");
            keys[id] = (id, key);
        }

        string? active = null;
        var configuredActive = options.ActiveKeyId?.Trim();
        var activeSetting = $"{EncryptionOptions.Section}:{nameof(EncryptionOptions.ActiveKeyId)}";
        if (!string.IsNullOrEmpty(configuredActive))
        {
            if (keys.TryGetValue(configuredActive, out var entry)) active = entry.Id;
            else if (!options.KeyRing.Keys.Any(id => id.Equals(configuredActive, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"{activeSetting} '{Shown(configuredActive)}' names no key in {ring} (ids: {Ids(options)}).");
        }
        else if (options.KeyRing.Count > 1)
            problems.Add($"{activeSetting} is not set and {ring} holds several keys ({Ids(options)}): name the one that seals new texts.");
        else if (keys.Count == 1)
            active = keys.Keys.Single();

        return (keys, active, problems);
    }

    private static string Ids(EncryptionOptions options) => string.Join(", ", options.KeyRing.Keys.Order(StringComparer.Ordinal).Select(Shown));

    // An id is echoed in messages; a key pasted in the wrong place (44 characters of base64) is not.
    private static string Shown(string id) => id.Length <= 32 ? id : $"({id.Length} characters)";

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,32}\z")]
    private static partial Regex KeyIdPattern();
}
