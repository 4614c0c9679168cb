using System.Text.Json;

namespace MentorCloud.WebApi.FunctionalTests.Infrastructure;

/// <summary>Rules an OpenAPI document of the service keeps, checked on the service's document and on documents built for one rule.</summary>
public static class OpenApiContractRules
{
    /// <summary>Every operation, named "METHOD /path".</summary>
    public static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));

    /// <summary>Operations that take <c>If-Match</c> but do not say that a stale tag answers 412 and a missing one 428, as problem details.</summary>
    public static List<string> IfMatchWithout412And428(JsonElement document) =>
        [.. Operations(document)
            .Where(op => op.Operation.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p =>
                p.GetProperty("in").GetString() == "header" && string.Equals(p.GetProperty("name").GetString(), "If-Match", StringComparison.OrdinalIgnoreCase)))
            .Where(op => !new[] { "412", "428" }.All(status =>
                op.Operation.GetProperty("responses").TryGetProperty(status, out var response)
                && response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _)))
            .Select(op => op.Name)];
}
