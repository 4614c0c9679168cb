using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>Outside Development, start-up refuses settings that would leave the service open; a generated admin password reaches no log.</summary>
public abstract partial class StartupConfigurationTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
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
            new Dictionary<string, string?> { ["environment"] = "Production", [key] = value });

        var failure = Should.Throw<Exception>(() => factory.Server);

        failure.ToString().ShouldContain($"Unsafe configuration for environment Production: {named}");
    }

    [Fact]
    public async Task Production_starts_with_safe_settings()
    {
        await using var factory = new MentorCloudFactory(App.Factory.Database, App.Factory.Database.NewDatabase(),
            new Dictionary<string, string?> { ["environment"] = "Production" });
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
                new Dictionary<string, string?> { ["environment"] = "Production", ["Bootstrap:PlatformAdmin:Password"] = "", ["Serilog:MinimumLevel:Default"] = "Verbose" });
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

    private sealed class CapturedLogs : ILogEventSink
    {
        private readonly List<string> _texts = [];

        public IReadOnlyList<string> Texts
        {
            get { lock (_texts) return [.. _texts]; }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_texts) _texts.Add(logEvent.RenderMessage() + " " + string.Join(" ", logEvent.Properties.Values) + " " + logEvent.Exception);
        }
    }
}

public sealed class StartupConfigurationTestsOnSqlite(SqliteApp app) : StartupConfigurationTests<SqliteApp>(app);

public sealed class StartupConfigurationTestsOnPostgres(PostgresApp app) : StartupConfigurationTests<PostgresApp>(app);
