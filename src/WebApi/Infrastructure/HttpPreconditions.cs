using System.Globalization;
using MentorCloud.Application.Common.Exceptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>The endpoint's successful answers carry the entity tag of what they return (<see cref="MentorCloud.Application.Common.Models.VersionTag.Of"/>).</summary>
public sealed class ETagMetadata;

/// <summary>The endpoint changes a resource only when <c>If-Match</c> names the entity tag the caller read: 428 without it, 412 when stale.</summary>
public sealed class IfMatchMetadata;

/// <summary>The endpoint takes an <c>Idempotency-Key</c>: a retry with the same key and body gets the first answer again.</summary>
public sealed class IdempotencyKeyMetadata;

/// <summary>Optimistic concurrency and safe retries, declared on the endpoint so the OpenAPI document says so by construction.</summary>
public static class HttpPreconditions
{
    public const string IfMatch = "If-Match";
    public const string ETag = "ETag";
    public const string IdempotencyKey = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 100;
    public const string IdempotencyReplayed = "Idempotency-Replayed";

    public static TBuilder WithETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ETagMetadata());

    public static TBuilder RequiresIfMatch<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IfMatchMetadata());

    public static TBuilder AcceptsIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotencyKeyMetadata()).AddEndpointFilter<TBuilder, IdempotencyKeyFilter>();
}

/// <summary>Documents the headers and answers that <see cref="HttpPreconditions"/> declares on an endpoint.</summary>
public sealed class HttpPreconditionsTransformer : IOpenApiOperationTransformer
{
    private const string ProblemSchema = "ProblemDetails";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<ETagMetadata>().Any())
            foreach (var (_, response) in (operation.Responses ?? []).Where(r => r.Key.StartsWith('2')))
            {
                if (response is not OpenApiResponse concrete) continue;
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers[HttpPreconditions.ETag] = new OpenApiHeader
                {
                    Description = "The strong entity tag of the returned version, e.g. \"7\"; send it in If-Match to change the resource.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }

        if (metadata.OfType<IfMatchMetadata>().Any())
        {
            AddHeader(operation, new OpenApiParameter
            {
                Name = HttpPreconditions.IfMatch,
                In = ParameterLocation.Header,
                Required = true,
                Description = "The ETag read before, one strong tag such as \"7\" (not W/ nor *): the change is made only if nobody changed the resource since.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            var problem = await ProblemDetailsAsync(context, cancellationToken);
            operation.Responses ??= [];
            operation.Responses["412"] = Problem("Precondition Failed: the resource changed since it was read; read it again and retry with its current ETag.", problem);
            operation.Responses["428"] = Problem("Precondition Required: If-Match is missing (or is *).", problem);
        }

        if (metadata.OfType<IdempotencyKeyMetadata>().Any())
        {
            AddHeader(operation, new OpenApiParameter
            {
                Name = HttpPreconditions.IdempotencyKey,
                In = ParameterLocation.Header,
                Required = false,
                Description = "A key the client chooses once per intended change (1–100 visible ASCII characters, kept 24 hours): a retry with the same key and body " +
                              "returns the first answer with Idempotency-Replayed: true instead of repeating the change; the same key with another body answers 422; " +
                              "a retry while the first request still runs answers 409 with Retry-After.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = HttpPreconditions.MaxIdempotencyKeyLength },
            });
            foreach (var (_, response) in (operation.Responses ?? []).Where(r => r.Key.StartsWith('2')))
            {
                if (response is not OpenApiResponse concrete) continue;
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers[HttpPreconditions.IdempotencyReplayed] = new OpenApiHeader
                {
                    Description = "true when this is the stored answer of the first request with the same Idempotency-Key.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
            var problem = await ProblemDetailsAsync(context, cancellationToken);
            operation.Responses ??= [];
            operation.Responses.TryAdd("409", Problem("Conflict: among others, a first request with the same Idempotency-Key is still running (see Retry-After).", problem));
            operation.Responses.TryAdd("422", Problem("A rule refused the request (R-number in detail); among others, the Idempotency-Key was used for another request (R10).", problem));
        }
    }

    private static void AddHeader(OpenApiOperation operation, OpenApiParameter header)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, header.Name, StringComparison.OrdinalIgnoreCase))) return;
        operation.Parameters.Add(header);
    }

    /// <summary>The shared problem details schema, registered when no other operation of the document has needed it yet.</summary>
    private static async Task<IOpenApiSchema> ProblemDetailsAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation belongs to no document.");
        if (document.Components?.Schemas?.ContainsKey(ProblemSchema) != true)
            document.AddComponent<IOpenApiSchema>(ProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        return new OpenApiSchemaReference(ProblemSchema, document);
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}
