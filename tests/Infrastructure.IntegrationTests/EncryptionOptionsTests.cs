using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Infrastructure.Encryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>The archive key ring is checked before the service starts; every refusal names its key, never its bytes.</summary>
public sealed class EncryptionOptionsTests
{
    private const string K1 = "tZ8I4YhnuO1FWa5939kIi+7VLQU8Nwkul7oh3aPEH0w=";
    private const string K2 = "V9jyWdMRGSkZc9NCs+GPV4iEDbeICtTFBahpLZVp8Wg=";
    private static readonly Guid School = Guid.Parse("0b4f8a52-3c1d-4e6f-9a70-1d2e3f405162");

    private static ValidateOptionsResult Validate(string? active, bool developmentKeyAllowed, params (string Id, string Key)[] keys) =>
        new EncryptionOptionsValidator(developmentKeyAllowed).Validate(null,
            new EncryptionOptions { ActiveKeyId = active, KeyRing = keys.ToDictionary(k => k.Id, k => k.Key) });

    [Fact]
    public void One_key_is_enough_and_is_the_active_one() =>
        Validate(null, developmentKeyAllowed: false, ("k1", K1)).Succeeded.ShouldBeTrue();

    [Fact]
    public void Several_keys_with_the_active_one_named_are_accepted() =>
        Validate("k2", developmentKeyAllowed: false, ("k1", K1), ("k2", K2)).Succeeded.ShouldBeTrue();

    public static readonly TheoryData<string?, (string Id, string Key)[], string[]> BadRings = new()
    {
        { null, [], ["Encryption:KeyRing is empty", "openssl rand -base64 32"] },
        { null, [("k1", "not base64 at all!")], ["Encryption:KeyRing:k1 is not base64", "openssl rand -base64 32"] },
        { null, [("k1", "")], ["Encryption:KeyRing:k1 is not base64"] },
        { null, [("k1", "ICsZeyiO+8udifzqW1Vvaw==")], ["Encryption:KeyRing:k1 is 16 bytes long", "32 random bytes"] },
        { null, [("k1", Convert.ToBase64String([.. Convert.FromBase64String(K1), .. Convert.FromBase64String(K2)]))], ["Encryption:KeyRing:k1 is 64 bytes long"] },
        { null, [("k1", Convert.ToBase64String(new byte[32]))], ["Encryption:KeyRing:k1 is not random"] },
        { null, [("k.1", K1)], ["Encryption:KeyRing has a key whose id is not 1–32 letters, digits, '-' or '_': 'k.1'"] },
        { null, [("k1", K1), ("k2", K2)], ["Encryption:ActiveKeyId is not set", "(k1, k2)"] },
        { "k3", [("k1", K1), ("k2", K2)], ["Encryption:ActiveKeyId 'k3' names no key in Encryption:KeyRing (ids: k1, k2)"] },
    };

    [Theory]
    [MemberData(nameof(BadRings))]
    public void A_ring_that_cannot_serve_stops_the_start_and_says_which_key(string? active, (string Id, string Key)[] keys, string[] said)
    {
        foreach (var developmentKeyAllowed in new[] { false, true })
        {
            var result = Validate(active, developmentKeyAllowed, keys);

            result.Failed.ShouldBeTrue();
            foreach (var text in said) result.FailureMessage!.ShouldContain(text);
            foreach (var (_, key) in keys.Where(k => k.Key.Length > 0)) result.FailureMessage!.ShouldNotContain(key);
        }
    }

    [Fact]
    public void The_development_key_is_refused_outside_development_by_its_id_and_by_its_bytes()
    {
        Validate(null, developmentKeyAllowed: false, ("development", DevelopmentArchiveKey.Base64)).FailureMessage!
            .ShouldContain("Encryption:KeyRing:development uses the id or the bytes of the development key");
        Validate(null, developmentKeyAllowed: false, ("prod-2026", DevelopmentArchiveKey.Base64)).FailureMessage!
            .ShouldContain("Encryption:KeyRing:prod-2026 uses the id or the bytes of the development key");
        Validate(null, developmentKeyAllowed: false, ("Development", K1)).FailureMessage!
            .ShouldContain("Encryption:KeyRing:Development uses the id or the bytes of the development key");
        Validate(null, developmentKeyAllowed: true, ("development", DevelopmentArchiveKey.Base64)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void A_key_pasted_as_a_key_id_is_not_repeated_in_the_refusal()
    {
        var pastedAsId = Validate(null, developmentKeyAllowed: false, (K2, K1)).FailureMessage!;
        var pastedAsActive = Validate(K2, developmentKeyAllowed: false, ("k1", K1)).FailureMessage!;

        pastedAsId.ShouldContain("(44 characters)");
        pastedAsId.ShouldNotContain(K2[..10]);
        pastedAsActive.ShouldContain("Encryption:ActiveKeyId '(44 characters)' names no key in Encryption:KeyRing (ids: k1)");
        pastedAsActive.ShouldNotContain(K2[..10]);
    }

    [Fact]
    public void A_key_copied_with_its_line_break_is_read() =>
        Validate(null, developmentKeyAllowed: false, ("k1", K1 + "\n")).Succeeded.ShouldBeTrue();

    private static ServiceProvider Services(string environment, Dictionary<string, string?> settings)
    {
        settings["Database:Provider"] = "Sqlite";
        settings["ConnectionStrings:Default"] = "Data Source=:memory:";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfrastructure(configuration, new HostingEnvironment { EnvironmentName = environment, ContentRootPath = Path.GetTempPath() });
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void Development_without_a_ring_seals_with_the_development_key(string environment)
    {
        using var services = Services(environment, []);
        var cipher = services.GetRequiredService<IArchiveCipher>();

        var ciphertext = cipher.Encrypt("家访记录", School, "student:1:family");

        ciphertext.ShouldStartWith("mc1.development.");
        cipher.Decrypt(ciphertext, School, "student:1:family").Plaintext.ShouldBe("家访记录");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Elsewhere_without_a_ring_no_cipher_is_made(string environment)
    {
        using var services = Services(environment, []);

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IArchiveCipher>()).Message.ShouldContain("Encryption:KeyRing is empty");
    }

    [Fact]
    public void A_configured_ring_is_used_in_development_too()
    {
        using var services = Services("Development", new() { ["Encryption:KeyRing:k1"] = K1, ["Encryption:KeyRing:k2"] = K2, ["Encryption:ActiveKeyId"] = "k2" });

        services.GetRequiredService<IArchiveCipher>().Encrypt("", School, "student:1:health").ShouldStartWith("mc1.k2.");
    }

    [Fact]
    public void The_cipher_is_one_per_process_so_school_keys_are_derived_once()
    {
        using var services = Services("Production", new() { ["Encryption:KeyRing:k1"] = K1 });

        services.GetRequiredService<IArchiveCipher>().ShouldBeSameAs(services.GetRequiredService<IArchiveCipher>());
        services.GetRequiredService<IArchiveCipher>().Encrypt("", School, "student:1:health").ShouldStartWith("mc1.k1.");
    }
}
