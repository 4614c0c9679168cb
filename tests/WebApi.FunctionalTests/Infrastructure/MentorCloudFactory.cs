using System.Net;
using MentorCloud.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>The real application on a fresh database of the given server.</summary>
public sealed class MentorCloudFactory(ITestDatabaseServer server, string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string SigningKey = "functional-tests-signing-key-0123456789abcdef";
    public const string PlatformAdmin = "platform";
    public const string PlatformPassword = "Platform#2026";

    /// <summary>The name under <c>Tenancy:DatabaseServers</c> of a server on the test engine for dedicated school databases.</summary>
    public const string DedicatedServer = "test";

    /// <summary>The name of a configured server on which nothing answers.</summary>
    public const string UnreachableServer = "unreachable";

    public ITestDatabaseServer Database { get; } = server;
    public string ConnectionString { get; } = connectionString;

    /// <summary>The connection string, with <c>{database}</c>, configured as <see cref="DedicatedServer"/>.</summary>
    public string DedicatedServerConnectionString { get; } = server.NewDatabaseServer();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("Bootstrap:PlatformAdmin:Username", PlatformAdmin);
        builder.UseSetting("Bootstrap:PlatformAdmin:Password", PlatformPassword);
        builder.UseSetting("Demo:Seed", "false");
        // No job server: tests run jobs themselves, when and as often as they mean to.
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("RateLimiting:Token:PermitLimit", "100000");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting($"Tenancy:DatabaseServers:{DedicatedServer}", DedicatedServerConnectionString);
        builder.UseSetting($"Tenancy:DatabaseServers:{UnreachableServer}", Database.UnreachableDatabaseServer());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestClientAddress>());
    }

    /// <summary>The in-memory server has no client address; a test names one in this header, as if it connected from there.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private sealed class TestClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[ClientAddressHeader] is [{ } address]) context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
