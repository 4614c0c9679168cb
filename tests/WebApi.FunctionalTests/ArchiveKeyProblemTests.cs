using System.Net;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Infrastructure.Encryption;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog.Core;
using Serilog.Events;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>An archive text the key ring cannot open answers 500 saying the key is missing; the log names the key, never the text.</summary>
public abstract class ArchiveKeyProblemTests<TApp>(TApp app) : FunctionalTest<TApp>(app) where TApp : AppFixture
{
    private const string ReadPath = "/test/archive-section";
    private const string Section = "父亲服刑,母亲改嫁,由外祖母抚养";
    private const string Place = "student:1:family";
    private static readonly Guid School = Guid.Parse("0b4f8a52-3c1d-4e6f-9a70-1d2e3f405162");

    // Sealed under a key the app's ring does not hold, as after a lost or retired key.
    private static readonly string SealedElsewhere = new ArchiveCipher(Options.Create(new EncryptionOptions
    {
        KeyRing = { ["lost-2025"] = "tZ8I4YhnuO1FWa5939kIi+7VLQU8Nwkul7oh3aPEH0w=" },
    })).Encrypt(Section, School, Place);

    /// <summary>The app, plus a route behind the whole pipeline that opens <see cref="SealedElsewhere"/> with the app's cipher.</summary>
    private WebApplicationFactory<Program> WithArchiveRead(CapturedLogs logs) =>
        App.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<ILogEventSink>(logs);
            s.AddSingleton<IStartupFilter, ArchiveReadRoute>();
        }));

    [Theory]
    [InlineData("zh-CN", "档案的加密密钥当前不可用")]
    [InlineData("en", "The archive's encryption key is not available")]
    public async Task A_text_whose_key_is_not_in_the_ring_answers_500_saying_the_key_is_not_available(string language, string detail)
    {
        await using var factory = WithArchiveRead(new CapturedLogs());
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var response = await client.GetAsync(ReadPath, Ct);

        var problem = await response.ShouldBeProblem(HttpStatusCode.InternalServerError);
        problem.GetProperty("detail").GetString().ShouldStartWith(detail);
        var text = problem.ToString();
        text.ShouldNotContain(Section);
        text.ShouldNotContain("lost-2025", Case.Sensitive, "the caller learns nothing about the key ring");
    }

    [Fact]
    public async Task The_failure_is_logged_as_an_error_naming_the_key_and_never_the_text()
    {
        var logs = new CapturedLogs();
        await using var factory = WithArchiveRead(logs);
        using var client = factory.CreateClient();

        await client.GetAsync(ReadPath, Ct);

        var logged = logs.Events.Where(e => e.Properties.TryGetValue("KeyId", out var key) && key.ToString() == "\"lost-2025\"").ToList();
        logged.ShouldNotBeEmpty(string.Join("\n", logs.Texts));
        logged.ShouldAllBe(e => e.Level == LogEventLevel.Error);
        logged[0].Exception.ShouldBeOfType<ArchiveKeyException>();
        logs.Texts.ShouldNotContain(t => t.Contains(Section, StringComparison.Ordinal) || t.Contains(SealedElsewhere, StringComparison.Ordinal));
    }

    private sealed class ArchiveReadRoute : IStartupFilter
    {
        // After the app's own pipeline, so the exception travels back through its exception handler like an endpoint's would.
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(ReadPath, branch => branch.Run(context =>
            {
                var opened = context.RequestServices.GetRequiredService<IArchiveCipher>().Decrypt(SealedElsewhere, School, Place);
                return context.Response.WriteAsync(opened.Plaintext);
            }));
        };
    }
}

[Collection(nameof(ProcessWideOutput))]
public sealed class ArchiveKeyProblemTestsOnSqlite(SqliteApp app) : ArchiveKeyProblemTests<SqliteApp>(app);

[Collection(nameof(ProcessWideOutput))]
public sealed class ArchiveKeyProblemTestsOnPostgres(PostgresApp app) : ArchiveKeyProblemTests<PostgresApp>(app);
