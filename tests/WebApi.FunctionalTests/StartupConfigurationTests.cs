using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MentorCloud.Infrastructure.Encryption;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Outside Development, start-up refuses settings that would leave the service open; a generated admin password reaches no log.</summary>
public abstract partial class StartupConfigurationTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private const string ArchiveKey = "tZ8I4YhnuO1FWa5939kIi+7VLQU8Nwkul7oh3aPEH0w=";
    private const string OtherArchiveKey = "V9jyWdMRGSkZc9NCs+GPV4iEDbeICtTFBahpLZVp8Wg=";

    /// <summary>Production with an archive key ring, plus <paramref name="settings"/> (a null value removes a setting).</summary>
    private static Dictionary<string, string?> Production(params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["environment"] = "Production", ["Encryption:KeyRing:k1"] = ArchiveKey };
        foreach (var (key, value) in settings)
        {
            if (value is null) all.Remove(key);
            else all[key] = value;
        }
        return all;
    }

    public static readonly TheoryData<string, string, string> UnsafeSettings = new()
    {
        { "Jwt:SigningKey", "changeme-changeme-changeme-changeme-changeme", "Jwt:SigningKey" },
        { "Jwt:SigningKey", new string('a', 48), "Jwt:SigningKey" },
        { "Jwt:SigningKey", "short-key-1", "Jwt:SigningKey" },
        { "Jwt:SigningKey", "our-production-secret-key-0123456789-abcdefghij", "Jwt:SigningKey" },
        { "Jwt:SigningKey", "abababababababababababababababababababab", "Jwt:SigningKey" },
        { "Bootstrap:PlatformAdmin:Password", "password", "Bootstrap:PlatformAdmin:Password" },
        { "Bootstrap:PlatformAdmin:Password", "12345678", "Bootstrap:PlatformAdmin:Password" },
        { "Demo:Seed", "true", "Demo:Seed" },
    };

    [Theory]
    [MemberData(nameof(UnsafeSettings))]
    public async Task Production_refuses_to_start_with_an_unsafe_setting_and_names_it(string key, string value, string named)
    {
        await using var factory = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(),
            Production((key, value)));

        var failure = Should.Throw<Exception>(() => factory.Server);

        failure.ToString().ShouldContain($"Unsafe configuration for environment Production: {named}");
    }

    public static readonly TheoryData<string, string?, string?, string> UnusableKeyRings = new()
    {
        { "Encryption:KeyRing:k1", null, null, "Encryption:KeyRing is empty" },
        { "Encryption:KeyRing:k1", "not base64!", null, "Encryption:KeyRing:k1 is not base64" },
        { "Encryption:KeyRing:k1", "ICsZeyiO+8udifzqW1Vvaw==", null, "Encryption:KeyRing:k1 is 16 bytes long" },
        { "Encryption:KeyRing:k2", OtherArchiveKey, null, "Encryption:ActiveKeyId is not set and Encryption:KeyRing holds several keys (k1, k2)" },
        { "Encryption:KeyRing:k2", OtherArchiveKey, "k3", "Encryption:ActiveKeyId 'k3' names no key in Encryption:KeyRing" },
        { "Encryption:KeyRing:development", DevelopmentArchiveKey.Base64, "k1", "Encryption:KeyRing:development uses the id or the bytes of the development key" },
        { "Encryption:KeyRing:k1", DevelopmentArchiveKey.Base64, null, "Encryption:KeyRing:k1 uses the id or the bytes of the development key" },
    };

    [Theory]
    [MemberData(nameof(UnusableKeyRings))]
    public async Task Production_refuses_to_start_with_an_unusable_archive_key_ring_and_names_the_key(string key, string? value, string? active, string said)
    {
        await using var factory = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(),
            Production((key, value), ("Encryption:ActiveKeyId", active)));

        var failure = Should.Throw<Exception>(() => factory.Server).ToString();

        failure.ShouldContain("Unsafe configuration for environment Production:");
        failure.ShouldContain(said);
        failure.ShouldNotContain(ArchiveKey);
        failure.ShouldNotContain(OtherArchiveKey);
    }

    [Fact]
    public async Task A_key_ring_error_stops_the_start_in_the_testing_environment_too()
    {
        await using var factory = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(),
            new Dictionary<string, string?> { ["Encryption:KeyRing:k1"] = ArchiveKey, ["Encryption:KeyRing:k2"] = "ICsZeyiO+8udifzqW1Vvaw==", ["Encryption:ActiveKeyId"] = "k1" });

        var failure = Should.Throw<Exception>(() => factory.Server).ToString();

        failure.ShouldContain("Encryption:KeyRing:k2 is 16 bytes long");
        failure.ShouldNotContain(ArchiveKey);
    }

    [Theory]
    [InlineData("179")]
    [InlineData("0")]
    public async Task An_audit_retention_below_180_days_stops_the_start(string days)
    {
        await using var factory = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(),
            new Dictionary<string, string?> { ["Audit:RetentionDays"] = days });

        Should.Throw<Exception>(() => factory.Server).ToString().ShouldContain("Audit:RetentionDays must be at least 180 days");
    }

    [Fact]
    public async Task Production_starts_with_safe_settings()
    {
        await using var factory = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(), Production());
        using var client = factory.CreateClient();

        (await client.GetAsync("/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = MentorCloudFactory.PlatformAdmin, password = MentorCloudFactory.PlatformPassword }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_generated_platform_admin_password_is_shown_once_on_standard_error_and_never_logged()
    {
        var logs = new CapturedLogs();
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(TextWriter.Synchronized(stderr));
        try
        {
            await using var factory = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(),
                Production(("Bootstrap:PlatformAdmin:Password", ""), ("Serilog:MinimumLevel:Default", "Verbose")));
            using var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(logs))).CreateClient();

            var password = GeneratedPassword().Match(stderr.ToString()).Groups["password"].Value;
            password.ShouldNotBeNullOrEmpty(stderr.ToString());
            (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = MentorCloudFactory.PlatformAdmin, password }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            logs.Texts.ShouldNotBeEmpty();
            logs.Texts.ShouldNotContain(text => text.Contains(password, StringComparison.Ordinal));
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [GeneratedRegex("generated password (?<password>\\S+)")]
    private static partial Regex GeneratedPassword();
}

[Collection(nameof(ProcessWideOutput))]
public sealed class StartupConfigurationTestsOnSqlite(SqliteApp app) : StartupConfigurationTests<SqliteApp>(app);

[Collection(nameof(ProcessWideOutput))]
public sealed class StartupConfigurationTestsOnPostgres(PostgresApp app) : StartupConfigurationTests<PostgresApp>(app);
