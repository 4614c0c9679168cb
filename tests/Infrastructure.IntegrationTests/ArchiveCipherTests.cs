using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Infrastructure.Encryption;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>Archive sections are sealed per school and place, name their key, and fail closed on anything not authentic.</summary>
public sealed class ArchiveCipherTests
{
    private const string K1 = "tZ8I4YhnuO1FWa5939kIi+7VLQU8Nwkul7oh3aPEH0w=";
    private const string K2 = "V9jyWdMRGSkZc9NCs+GPV4iEDbeICtTFBahpLZVp8Wg=";
    private const string Family = "student:5b1e0c52-8f43-4d7a-9d4e-0f7d2c1a9e11:family";
    private const string Text = "单亲家庭,由祖母抚养;父亲在外务工,每月通话一次。";

    private static readonly Guid SchoolA = Guid.Parse("0b4f8a52-3c1d-4e6f-9a70-1d2e3f405162");
    private static readonly Guid SchoolB = Guid.Parse("7c9d0e1f-2a3b-4c5d-8e6f-708192a3b4c5");

    private static ArchiveCipher Cipher(string? active, params (string Id, string Key)[] keys) =>
        new(Options.Create(new EncryptionOptions { ActiveKeyId = active, KeyRing = keys.ToDictionary(k => k.Id, k => k.Key) }));

    private static readonly ArchiveCipher One = Cipher(null, ("k1", K1));

    private static string Sealed(string ciphertext) => ciphertext.Split('.')[2];

    [Theory]
    [InlineData(Text)]
    [InlineData("")]
    [InlineData("Family: two guardians 👪, health: asthma (哮喘)")]
    public void A_sealed_text_opens_to_the_same_text_for_the_same_school_and_place(string plaintext)
    {
        var ciphertext = One.Encrypt(plaintext, SchoolA, Family);

        One.Decrypt(ciphertext, SchoolA, Family).ShouldBe(new ArchiveDecryption(plaintext, SealedWithOlderKey: false));
    }

    [Fact]
    public void A_sealed_text_names_its_key_and_reveals_nothing_of_the_text()
    {
        var ciphertext = One.Encrypt(Text, SchoolA, Family);

        ciphertext.ShouldStartWith("mc1.k1.");
        ciphertext.ShouldNotContain("祖母");
        ciphertext.ShouldMatch(@"^mc1\.k1\.[A-Za-z0-9_-]+$");
        Base64Url.DecodeFromChars(Sealed(ciphertext)).Length
            .ShouldBe(ArchiveCipher.NonceBytes + Encoding.UTF8.GetByteCount(Text) + ArchiveCipher.TagBytes);
    }

    [Fact]
    public void The_same_text_sealed_twice_gets_different_nonces()
    {
        var first = Base64Url.DecodeFromChars(Sealed(One.Encrypt(Text, SchoolA, Family)));
        var second = Base64Url.DecodeFromChars(Sealed(One.Encrypt(Text, SchoolA, Family)));

        first[..ArchiveCipher.NonceBytes].ShouldNotBe(second[..ArchiveCipher.NonceBytes]);
        first.ShouldNotBe(second);
    }

    [Fact]
    public void Schools_get_different_ciphertexts_and_one_school_cannot_open_another_schools_text()
    {
        var forA = One.Encrypt(Text, SchoolA, Family);
        var forB = One.Encrypt(Text, SchoolB, Family);

        forA.ShouldNotBe(forB);
        var failure = Should.Throw<ArchiveKeyException>(() => One.Decrypt(forA, SchoolB, Family));
        failure.KeyId.ShouldBe("k1");
        failure.Message.ShouldContain("'k1'");
        failure.Message.ShouldContain("did not authenticate");
    }

    [Fact]
    public void A_text_is_AES_GCM_under_the_school_key_derived_by_HKDF_with_the_school_as_salt_and_the_school_and_place_as_associated_data()
    {
        var ciphertext = Base64Url.DecodeFromChars(Sealed(One.Encrypt(Text, SchoolA, Family)));
        var schoolKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(K1), 32, SchoolA.ToByteArray(), "MentorCloud archive section v1"u8.ToArray());
        var aad = SchoolA.ToByteArray().Concat(Encoding.UTF8.GetBytes(Family)).ToArray();
        var plain = new byte[ciphertext.Length - ArchiveCipher.NonceBytes - ArchiveCipher.TagBytes];

        using (var aes = new AesGcm(schoolKey, ArchiveCipher.TagBytes))
            aes.Decrypt(ciphertext[..ArchiveCipher.NonceBytes], ciphertext[ArchiveCipher.NonceBytes..^ArchiveCipher.TagBytes], ciphertext[^ArchiveCipher.TagBytes..], plain, aad);

        Encoding.UTF8.GetString(plain).ShouldBe(Text);
        using var master = new AesGcm(Convert.FromBase64String(K1), ArchiveCipher.TagBytes);
        Should.Throw<CryptographicException>(() => master.Decrypt(
            ciphertext[..ArchiveCipher.NonceBytes], ciphertext[ArchiveCipher.NonceBytes..^ArchiveCipher.TagBytes], ciphertext[^ArchiveCipher.TagBytes..], plain, aad));
    }

    [Fact]
    public void A_text_sealed_by_an_earlier_release_keeps_opening()
    {
        // Changing the derivation, the associated data or the layout would make every stored section unreadable.
        One.Decrypt(SealedEarlier, SchoolA, Family).ShouldBe(new ArchiveDecryption(Text, SealedWithOlderKey: false));
    }

    // Made outside .NET (Python's cryptography: HKDF-SHA256, AESGCM) with the nonce 01…0c.
    private const string SealedEarlier =
        "mc1.k1.AQIDBAUGBwgJCgsMck1jAsMFFMAm1TP1IDFq2LABiAEgZKdcWO1rpdumQDR5oiyYh9Oe3VbPb5wGB-YnVVL_MBIS9L9ZLpUR3vOoGTLgMdjVqd_Ezk9EFgcc1bAdRrmUnQ";

    [Theory]
    [InlineData("student:5b1e0c52-8f43-4d7a-9d4e-0f7d2c1a9e11:health")]
    [InlineData("student:00000000-8f43-4d7a-9d4e-0f7d2c1a9e11:family")]
    [InlineData("")]
    public void A_text_moved_to_another_student_or_section_does_not_open(string otherPlace)
    {
        var ciphertext = One.Encrypt(Text, SchoolA, Family);

        Should.Throw<ArchiveKeyException>(() => One.Decrypt(ciphertext, SchoolA, otherPlace)).KeyId.ShouldBe("k1");
    }

    [Fact]
    public void Every_altered_byte_of_nonce_ciphertext_or_tag_is_refused()
    {
        var ciphertext = One.Encrypt(Text, SchoolA, Family);
        var bytes = Base64Url.DecodeFromChars(Sealed(ciphertext));

        for (var i = 0; i < bytes.Length; i++)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 0x01;
            var tampered = $"mc1.k1.{Base64Url.EncodeToString(altered)}";

            var failure = Should.Throw<ArchiveKeyException>(() => One.Decrypt(tampered, SchoolA, Family), $"byte {i}");
            failure.Message.ShouldNotContain(Text);
        }
    }

    [Fact]
    public void A_truncated_text_is_refused()
    {
        var bytes = Base64Url.DecodeFromChars(Sealed(One.Encrypt("", SchoolA, Family)));

        Should.Throw<ArchiveKeyException>(() => One.Decrypt($"mc1.k1.{Base64Url.EncodeToString(bytes.AsSpan(..^1))}", SchoolA, Family))
            .Message.ShouldContain("malformed");
    }

    [Theory]
    [InlineData("")]
    [InlineData("单亲家庭,由祖母抚养")]
    [InlineData("mc1.")]
    [InlineData("mc1.k1")]
    [InlineData("mc2.k1.AAAA")]
    [InlineData("MC1.k1.AAAA")]
    [InlineData("mc1.k1.not base64!")]
    [InlineData("mc1.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("mc1.k 1.AAAA")]
    [InlineData("mc1..AAAA")]
    public void A_malformed_text_is_refused_without_repeating_it(string malformed)
    {
        var failure = Should.Throw<ArchiveKeyException>(() => One.Decrypt(malformed, SchoolA, Family));

        if (malformed.Length > 0) failure.Message.ShouldNotContain(malformed);
    }

    [Fact]
    public void A_text_in_a_second_spelling_of_the_same_bytes_is_refused()
    {
        var ciphertext = One.Encrypt(Text, SchoolA, Family);

        // Base64 padding is not part of the format: one sealed text has one spelling.
        Should.Throw<ArchiveKeyException>(() => One.Decrypt(ciphertext + "=", SchoolA, Family));
        Should.Throw<ArchiveKeyException>(() => One.Decrypt(ciphertext + "\n", SchoolA, Family));
    }

    [Fact]
    public void A_text_sealed_with_a_key_not_in_the_ring_fails_closed_and_names_the_key()
    {
        var ciphertext = One.Encrypt(Text, SchoolA, Family);
        var other = Cipher(null, ("k2", K2));

        var failure = Should.Throw<ArchiveKeyException>(() => other.Decrypt(ciphertext, SchoolA, Family));

        failure.KeyId.ShouldBe("k1");
        failure.Message.ShouldContain("'k1'");
        failure.Message.ShouldContain("Encryption:KeyRing");
        failure.Message.ShouldNotContain(K1);
        failure.Message.ShouldNotContain(K2);
    }

    [Fact]
    public void After_rotation_old_texts_open_as_sealed_with_an_older_key_and_new_texts_use_the_new_key()
    {
        var old = One.Encrypt(Text, SchoolA, Family);
        var rotated = Cipher("k2", ("k1", K1), ("k2", K2));

        rotated.Decrypt(old, SchoolA, Family).ShouldBe(new ArchiveDecryption(Text, SealedWithOlderKey: true));
        var resealed = rotated.Encrypt(Text, SchoolA, Family);
        resealed.ShouldStartWith("mc1.k2.");
        rotated.Decrypt(resealed, SchoolA, Family).ShouldBe(new ArchiveDecryption(Text, SealedWithOlderKey: false));
        Should.Throw<ArchiveKeyException>(() => One.Decrypt(resealed, SchoolA, Family)).KeyId.ShouldBe("k2");
    }

    [Fact]
    public void A_retired_key_no_longer_opens_its_texts()
    {
        var old = One.Encrypt(Text, SchoolA, Family);
        var retired = Cipher("k2", ("k2", K2));

        Should.Throw<ArchiveKeyException>(() => retired.Decrypt(old, SchoolA, Family)).KeyId.ShouldBe("k1");
    }

    [Fact]
    public void Key_ids_match_as_configuration_keys_do_ignoring_case()
    {
        var old = One.Encrypt(Text, SchoolA, Family);
        var respelled = Cipher("K2", ("K1", K1), ("k2", K2));

        respelled.Decrypt(old, SchoolA, Family).ShouldBe(new ArchiveDecryption(Text, SealedWithOlderKey: true));
        respelled.Encrypt(Text, SchoolA, Family).ShouldStartWith("mc1.k2.");
    }

    [Fact]
    public void A_text_sealed_under_a_key_opens_only_under_the_same_key_bytes()
    {
        var ciphertext = One.Encrypt(Text, SchoolA, Family);
        var sameIdOtherBytes = Cipher(null, ("k1", K2));

        Should.Throw<ArchiveKeyException>(() => sameIdOtherBytes.Decrypt(ciphertext, SchoolA, Family)).Message.ShouldContain("did not authenticate");
    }

    [Fact]
    public void There_is_no_archive_text_without_a_school()
    {
        Should.Throw<ArgumentException>(() => One.Encrypt(Text, Guid.Empty, Family));
        Should.Throw<ArgumentException>(() => One.Decrypt(One.Encrypt(Text, SchoolA, Family), Guid.Empty, Family));
    }

    [Fact]
    public void A_text_that_is_not_valid_unicode_is_refused_rather_than_altered()
    {
        Should.Throw<ArgumentException>(() => One.Encrypt("half a pair \uD83D", SchoolA, Family));
    }

    [Fact]
    public void A_cipher_does_not_start_on_an_unusable_ring()
    {
        Should.Throw<InvalidOperationException>(() => Cipher(null)).Message.ShouldContain("Encryption:KeyRing is empty");
        Should.Throw<InvalidOperationException>(() => Cipher(null, ("k1", K1), ("k2", K2))).Message.ShouldContain("Encryption:ActiveKeyId");
    }

    [Fact]
    public void Many_threads_seal_and_open_at_once()
    {
        var cipher = Cipher("k2", ("k1", K1), ("k2", K2));

        Parallel.For(0, 2000, i =>
        {
            var school = i % 2 == 0 ? SchoolA : SchoolB;
            var text = $"{Text} #{i}";
            cipher.Decrypt(cipher.Encrypt(text, school, Family), school, Family).Plaintext.ShouldBe(text);
        });
    }
}
