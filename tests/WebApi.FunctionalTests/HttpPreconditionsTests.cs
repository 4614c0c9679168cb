using System.Text.Json;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.WebApi.FunctionalTests.Infrastructure;
using MentorCloud.WebApi.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MentorCloud.WebApi.FunctionalTests;

/// <summary>
/// Entity tags and idempotency keys declared on an endpoint are documented by the service's own OpenAPI setup, and
/// <see cref="EntityTags"/> reads back only what it writes.
/// </summary>
public sealed class HttpPreconditionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record ArchiveBody(string Notes);

    private static Task<JsonElement> ArchiveDocumentAsync() => ServiceOpenApi.DocumentForAsync(app =>
    {
        app.MapGet("/archives/{id:guid}", (Guid id) => TypedResults.Ok(new ArchiveBody("")))
            .WithETag();
        app.MapPut("/archives/{id:guid}", (Guid id, ArchiveBody body) => TypedResults.Ok(body))
            .WithETag()
            .RequiresIfMatch();
        app.MapPost("/archives/{id:guid}/activities", (Guid id, ArchiveBody body) => TypedResults.Created($"/archives/{id}/activities/1", body))
            .AcceptsIdempotencyKey();
        app.MapPut("/notes/{id:guid}", (Guid id, ArchiveBody body) => TypedResults.Ok(body));
    });

    private static JsonElement Header(JsonElement operation, string name) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().SingleOrDefault(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == name)
            : default;

    [Fact]
    public async Task An_endpoint_with_an_etag_declares_it_on_every_successful_answer()
    {
        var paths = (await ArchiveDocumentAsync()).GetProperty("paths");

        foreach (var method in new[] { "get", "put" })
        {
            var ok = paths.GetProperty("/archives/{id}").GetProperty(method).GetProperty("responses").GetProperty("200");
            var etag = ok.GetProperty("headers").GetProperty("ETag");
            etag.GetProperty("schema").GetProperty("type").GetString().ShouldBe("string");
            etag.GetProperty("description").GetString()!.ShouldContain("If-Match");
        }
        paths.GetProperty("/notes/{id}").GetProperty("put").GetProperty("responses").GetProperty("200").TryGetProperty("headers", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_endpoint_that_requires_if_match_declares_the_header_and_answers_412_and_428_as_problem_details()
    {
        var document = await ArchiveDocumentAsync();
        var put = document.GetProperty("paths").GetProperty("/archives/{id}").GetProperty("put");

        var ifMatch = Header(put, "If-Match");
        ifMatch.ValueKind.ShouldBe(JsonValueKind.Object, "If-Match is not declared");
        ifMatch.GetProperty("required").GetBoolean().ShouldBeTrue();
        ifMatch.GetProperty("description").GetString()!.ShouldContain("ETag read before");
        ifMatch.GetProperty("schema").GetProperty("type").GetString().ShouldBe("string");
        OpenApiContractRules.IfMatchWithout412And428(document).ShouldBeEmpty();
        foreach (var status in new[] { "412", "428" })
            put.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema")
                .GetProperty("$ref").GetString().ShouldBe("#/components/schemas/ProblemDetails");
        document.GetProperty("components").GetProperty("schemas").TryGetProperty("ProblemDetails", out _).ShouldBeTrue();

        var plain = document.GetProperty("paths").GetProperty("/notes/{id}").GetProperty("put");
        Header(plain, "If-Match").ValueKind.ShouldBe(JsonValueKind.Undefined);
        plain.GetProperty("responses").TryGetProperty("412", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_endpoint_that_accepts_an_idempotency_key_declares_it_optional_and_at_most_100_characters()
    {
        var paths = (await ArchiveDocumentAsync()).GetProperty("paths");

        var key = Header(paths.GetProperty("/archives/{id}/activities").GetProperty("post"), "Idempotency-Key");
        key.ValueKind.ShouldBe(JsonValueKind.Object, "Idempotency-Key is not declared");
        (key.TryGetProperty("required", out var required) && required.GetBoolean()).ShouldBeFalse();
        key.GetProperty("schema").GetProperty("type").GetString().ShouldBe("string");
        key.GetProperty("schema").GetProperty("maxLength").GetInt32().ShouldBe(100);
        key.GetProperty("description").GetString()!.ShouldContain("same key and body");
        Header(paths.GetProperty("/archives/{id}").GetProperty("put"), "Idempotency-Key").ValueKind.ShouldBe(JsonValueKind.Undefined);
    }
}
