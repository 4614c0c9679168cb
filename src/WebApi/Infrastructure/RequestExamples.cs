using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>The example body an endpoint shows in the OpenAPI document, as a value of its request type.</summary>
public sealed record RequestExampleMetadata(Type RequestType, object Example);

public static class RequestExampleExtensions
{
    /// <summary>
    /// Shows <paramref name="example"/> as the operation's JSON request example. The example is a value of the request type, so the
    /// compiler keeps it in step with the type, and the document refuses to build when the body is of another type.
    /// </summary>
    public static RouteHandlerBuilder WithRequestExample<TRequest>(this RouteHandlerBuilder builder, TRequest example) where TRequest : notnull =>
        builder.WithMetadata(new RequestExampleMetadata(typeof(TRequest), example));
}

/// <summary>Writes an endpoint's <see cref="RequestExampleMetadata"/> into <c>requestBody.content["application/json"].example</c>, as the API's JSON options serialize it.</summary>
public sealed class RequestExampleTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (description.ActionDescriptor.EndpointMetadata.OfType<RequestExampleMetadata>().LastOrDefault() is not { } metadata) return Task.CompletedTask;

        var name = $"{description.HttpMethod} /{description.RelativePath}";
        var body = description.ParameterDescriptions.SingleOrDefault(p => p.Source == BindingSource.Body)?.Type;
        if (body != metadata.RequestType)
            throw new InvalidOperationException($"{name}: the request example is a {metadata.RequestType.Name}, but the body is {body?.Name ?? "absent"}.");
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var json) != true || json is null)
            throw new InvalidOperationException($"{name}: a request example needs an application/json body.");

        var options = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        json.Example = JsonSerializer.SerializeToNode(metadata.Example, metadata.RequestType, options);
        return Task.CompletedTask;
    }
}
