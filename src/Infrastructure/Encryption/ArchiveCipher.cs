using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MentorCloud.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Encryption;

/// <summary>
/// AES-256-GCM with a key per school and master key: HKDF-SHA256 of the master key, salted with the school's id.
/// The school's id and the caller's context are authenticated with the text, so a ciphertext moved to another
/// school, student or section does not open. Texts read <c>mc1.{keyId}.{base64url(nonce | ciphertext | tag)}</c>.
/// </summary>
public sealed class ArchiveCipher : IArchiveCipher
{
    public const string Format = "mc1";
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    private const string Prefix = Format + ".";
    private const int TenantBytes = 16;
    private const int StackLimit = 512;
    private static readonly byte[] DerivationInfo = "MentorCloud archive section v1"u8.ToArray();

    // Strict both ways: a lone surrogate would otherwise be replaced silently and the text would not round-trip.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ArchiveKeyRing _ring;
    private readonly ConcurrentDictionary<(string KeyId, Guid TenantId), byte[]> _schoolKeys = new();

    public ArchiveCipher(IOptions<EncryptionOptions> options) => _ring = ArchiveKeyRing.From(options.Value);

    public string Encrypt(string plaintext, Guid tenantId, string context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        RequireTenantAndContext(tenantId, context);
        var keyId = _ring.ActiveKeyId;

        var length = Utf8.GetByteCount(plaintext);
        var sealedBytes = new byte[NonceBytes + length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);

        var aadLength = AssociatedDataLength(context);
        Span<byte> aad = aadLength <= StackLimit ? stackalloc byte[aadLength] : new byte[aadLength];
        WriteAssociatedData(tenantId, context, aad);

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var plain = rented.AsSpan(0, length);
            Utf8.GetBytes(plaintext, plain);
            using var aes = new AesGcm(SchoolKey(keyId, tenantId), TagBytes);
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), aad);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(rented);
        }

        return $"{Format}.{keyId}.{Base64Url.EncodeToString(sealedBytes)}";
    }

    public ArchiveDecryption Decrypt(string ciphertext, Guid tenantId, string context)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        RequireTenantAndContext(tenantId, context);

        var text = ciphertext.AsSpan();
        var header = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : [];
        var dot = header.IndexOf('.');
        // The text itself is never echoed: if it is not a ciphertext, it may be the plaintext.
        if (dot < 0 || !ArchiveKeyRing.IsKeyId(header[..dot]))
            throw new ArchiveKeyException($"An archive text is not in the {Format} format that names its key, so it cannot be opened.");

        var named = header[..dot].ToString();
        if (!_ring.TryGet(named, out var keyId, out _))
            throw new ArchiveKeyException(
                $"An archive text was sealed with key '{named}', which is not in Encryption:KeyRing: add that key back to the ring to open it.") { KeyId = named };

        var sealedBytes = Decode(header[(dot + 1)..]);
        if (sealedBytes is null || sealedBytes.Length < NonceBytes + TagBytes)
            throw new ArchiveKeyException($"An archive text sealed with key '{keyId}' is malformed, so it cannot be opened.") { KeyId = keyId };

        var aadLength = AssociatedDataLength(context);
        Span<byte> aad = aadLength <= StackLimit ? stackalloc byte[aadLength] : new byte[aadLength];
        WriteAssociatedData(tenantId, context, aad);

        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var plain = rented.AsSpan(0, length);
            using (var aes = new AesGcm(SchoolKey(keyId, tenantId), TagBytes))
            {
                aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plain, aad);
            }
            return new ArchiveDecryption(Utf8.GetString(plain), !string.Equals(keyId, _ring.ActiveKeyId, StringComparison.Ordinal));
        }
        catch (CryptographicException ex)
        {
            throw new ArchiveKeyException(
                $"An archive text sealed with key '{keyId}' did not authenticate: it was altered, or sealed for another school or place.", ex) { KeyId = keyId };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private byte[] SchoolKey(string keyId, Guid tenantId) =>
        _schoolKeys.GetOrAdd((keyId, tenantId), static (slot, ring) =>
        {
            ring.TryGet(slot.KeyId, out _, out var master);
            Span<byte> salt = stackalloc byte[TenantBytes];
            slot.TenantId.TryWriteBytes(salt);
            var key = new byte[ArchiveKeyRing.KeyBytes];
            HKDF.DeriveKey(HashAlgorithmName.SHA256, master, key, salt, DerivationInfo);
            return key;
        }, _ring);

    private static int AssociatedDataLength(string context) => TenantBytes + Utf8.GetByteCount(context);

    // The school's id (16 bytes, fixed length) then the context in UTF-8: the two cannot be shifted into each other.
    private static void WriteAssociatedData(Guid tenantId, string context, Span<byte> aad)
    {
        tenantId.TryWriteBytes(aad);
        Utf8.GetBytes(context, aad[TenantBytes..]);
    }

    // Only the canonical spelling is accepted, so one sealed text has exactly one textual form.
    private static byte[]? Decode(ReadOnlySpan<char> payload)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(payload);
        }
        catch (FormatException)
        {
            return null;
        }
        return Base64Url.EncodeToString(bytes).AsSpan().SequenceEqual(payload) ? bytes : null;
    }

    private static void RequireTenantAndContext(Guid tenantId, string context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (tenantId == Guid.Empty) throw new ArgumentException("An archive text belongs to a school: the tenant id is missing.", nameof(tenantId));
    }
}
