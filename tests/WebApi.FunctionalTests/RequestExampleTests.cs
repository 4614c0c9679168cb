using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using MentorCloud.WebApi.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>An endpoint's request example is a value of its body's type, written as the API writes JSON.</summary>
public sealed class RequestExampleTests
{
    public enum Weather { Sunny, LightRain }

    public sealed record Outing(string Title, DateOnly On, Weather Weather, string? Note);

    public sealed record Other(string Title);

    [Fact]
    public async Task An_example_is_written_with_the_api_json_options()
    {
        var document = await ServiceOpenApi.DocumentForAsync(app =>
            app.MapPost("/outings", (Outing outing) => TypedResults.Ok(outing))
                .WithRequestExample(new Outing("秋游", new DateOnly(2026, 10, 16), Weather.LightRain, null)));

        var example = document.GetProperty("paths").GetProperty("/outings").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("example");
        example.EnumerateObject().Select(p => p.Name).ShouldBe(["title", "on", "weather", "note"]);
        example.GetProperty("title").GetString().ShouldBe("秋游");
        example.GetProperty("on").GetString().ShouldBe("2026-10-16");
        example.GetProperty("weather").GetString().ShouldBe("lightRain");
        example.GetProperty("note").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task An_example_of_another_type_than_the_body_stops_the_document()
    {
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => ServiceOpenApi.DocumentForAsync(app =>
            app.MapPost("/outings", (Outing outing) => TypedResults.Ok(outing)).WithRequestExample(new Other("秋游"))));

        refused.Message.ShouldContain("the request example is a Other, but the body is Outing");
    }
}
