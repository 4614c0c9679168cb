using System.Net;
using System.Text.Json;
using MentorCloud.WebApi.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>The document the service's OpenAPI setup (<c>AddWebApi</c>) writes for endpoints a test declares, without a database.</summary>
public static class ServiceOpenApi
{
    public static async Task<JsonElement> DocumentForAsync(Action<IEndpointRouteBuilder> map)
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddWebApi(builder.Configuration);
        await using var app = builder.Build();
        map(app);
        app.MapOpenApi("/openapi/{documentName}.json");
        await app.StartAsync(ct);
        using var client = app.GetTestClient();
        var response = await client.GetAsync("/openapi/v1.json", ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        await app.StopAsync(ct);
        return JsonDocument.Parse(text).RootElement;
    }
}
