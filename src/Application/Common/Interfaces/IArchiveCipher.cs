namespace MentorCloud.Application.Common.Interfaces;

/// <summary>
/// Authenticated encryption of the archive's sensitive sections (family, health, psychology; R8) before they reach
/// the database. Keys come from a key ring kept outside the database; each school's key is derived from the master
/// key, so one school's ciphertext never opens under another school's key. A ciphertext names the key that sealed it.
/// </summary>
public interface IArchiveCipher
{
    /// <summary>Seals <paramref name="plaintext"/> with the active key for <paramref name="tenantId"/>.</summary>
    /// <param name="context">Where the text belongs (e.g. student and section): a ciphertext copied elsewhere does not open.</param>
    string Encrypt(string plaintext, Guid tenantId, string context);

    /// <summary>Opens a ciphertext sealed for the same tenant and context.</summary>
    /// <exception cref="ArchiveKeyException">The key is not in the ring, or the text was altered or sealed elsewhere: fail closed.</exception>
    ArchiveDecryption Decrypt(string ciphertext, Guid tenantId, string context);
}

/// <summary>The opened text, and whether it was sealed with a key other than the active one (re-encrypt on the next write).</summary>
public readonly record struct ArchiveDecryption(string Plaintext, bool SealedWithOlderKey);

/// <summary>An encrypted archive text cannot be opened: its key is missing from the ring, or the text is not authentic.</summary>
public sealed class ArchiveKeyException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The key the text names, when it could be read: what an operator looks for in the ring.</summary>
    public string? KeyId { get; init; }
}
