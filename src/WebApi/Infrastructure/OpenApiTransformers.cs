using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// Declares the bearer scheme and requires it on every operation that is not anonymous; an anonymous one says so with an empty
/// requirement, because an operation without one reads as "unspecified" to linters and client generators.
/// </summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string Scheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "MentorCloud API";
        document.Info.Description = "全员育人导师制 — the whole-staff mentor system. Errors are RFC 9457 problem details.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from POST /api/v1/auth/token, or from the configured OpenID Connect issuer.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
        return Task.CompletedTask;
    }
}

/// <summary>
/// Declares the path parameters that the handler does not bind: a route group's <c>{school}</c> and <c>{district}</c> are read by the
/// tenancy middleware, so without this the operations under them would name a parameter they never declare (an invalid document).
/// </summary>
public sealed class RouteParameterTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["school"] = "The school's code",
        ["district"] = "The district's code",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.RelativePath is not { } path) return Task.CompletedTask;

        foreach (var bound in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path && p.Description is null))
            bound.Description = Descriptions.GetValueOrDefault(bound.Name ?? "");

        var declared = (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Path).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = RoutePatternFactory.Parse(path).Parameters.Where(p => !declared.Contains(p.Name)).ToList();
        if (missing.Count == 0) return Task.CompletedTask;

        // Route order, so a generated client's positional arguments follow the URL.
        var added = missing.Select(p => (IOpenApiParameter)new OpenApiParameter
        {
            Name = p.Name,
            In = ParameterLocation.Path,
            Required = true,
            Description = Descriptions.GetValueOrDefault(p.Name),
            Schema = p.ParameterPolicies.Any(c => c.Content == "guid")
                ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" }
                : new OpenApiSchema { Type = JsonSchemaType.String },
        });
        operation.Parameters = [.. added, .. operation.Parameters ?? []];
        return Task.CompletedTask;
    }
}

/// <summary>
/// Gives every operation a camelCase <c>operationId</c> from its method and route, so generated clients get readable, stable method
/// names without each endpoint naming itself: GET …/students → <c>listStudents</c>, GET …/students/{id} → <c>getStudent</c>,
/// POST …/students → <c>createStudent</c>, POST …/mentor-groups/{id}/publish → <c>publishMentorGroup</c>. An endpoint's own
/// <c>.WithName</c> wins. The school scope (<c>schools/{school}</c>) is left out of the name because nearly every route has it.
/// </summary>
public sealed class OperationIdTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is null && context.Description.RelativePath is { } path && context.Description.HttpMethod is { } method)
            operation.OperationId = Derive(method, path, ReturnsList(context.Description));
        return Task.CompletedTask;
    }

    public static string Derive(string method, string path, bool returnsList)
    {
        var segments = RoutePatternFactory.Parse(path).PathSegments
            .Select(s => s.IsSimple && s.Parts[0] is RoutePatternLiteralPart literal ? literal.Content : null)
            .ToList();
        var start = segments.Count > 1 && segments[0] == "api" && segments[1]?.StartsWith('v') == true ? 2 : 0;
        if (segments.Count >= start + 2 && segments[start] == "schools" && segments[start + 1] is null) start += 2;

        // Each literal followed by a parameter names one resource (singular); trailing literals name what is done to it.
        var resources = new List<string>();
        var trailing = new List<string>();
        for (var i = start; i < segments.Count; i++)
        {
            if (segments[i] is not { } literal) continue;
            if (i + 1 < segments.Count && segments[i + 1] is null) resources.Add(Singular(literal));
            else trailing.Add(literal);
        }

        var endsWithParameter = segments.Count > 0 && segments[^1] is null;
        var owner = string.Concat(resources.Select(Pascal));
        if (endsWithParameter)
            return Camel(method.ToUpperInvariant() switch { "GET" => "get", "PUT" => "update", "DELETE" => "delete", var m => m.ToLowerInvariant() }, owner);

        var last = trailing[^1];
        var rest = string.Concat(trailing.SkipLast(1).Select(Pascal));
        return method.ToUpperInvariant() switch
        {
            "GET" => Camel(returnsList ? "list" : "get", owner + rest + Pascal(last)),
            "PUT" => Camel("update", owner + rest + Pascal(last)),
            "DELETE" => Camel("delete", owner + rest + Pascal(last)),
            // POST to a collection creates one, or adds one to the resource that owns it; POST to anything else is an action.
            "POST" when IsPlural(last) => Camel(resources.Count == 0 ? "create" : "add", owner + rest + Pascal(Singular(last))),
            _ => ActionName(last, owner + rest),
        };
    }

    private static bool ReturnsList(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description) =>
        description.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == StatusCodes.Status200OK)?.Type is { } type
        && type != typeof(string)
        && (typeof(System.Collections.IEnumerable).IsAssignableFrom(type) || (type.IsGenericType && type.Name.StartsWith("PagedList", StringComparison.Ordinal)));

    /// <summary><c>open-selection</c> on a mentor group → <c>openMentorGroupSelection</c>: the verb first, then what it acts on.</summary>
    private static string ActionName(string action, string target)
    {
        var words = action.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return Camel(words[0], target + string.Concat(words.Skip(1).Select(Pascal)));
    }

    private static bool IsPlural(string word) => word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal);

    private static string Singular(string word) =>
        word.EndsWith("sses", StringComparison.Ordinal) ? word[..^2]
        : word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : IsPlural(word) ? word[..^1]
        : word;

    private static string Pascal(string word) =>
        string.Concat(word.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string Camel(string verb, string rest) => verb.ToLowerInvariant() + rest;
}

/// <summary>
/// Enumerations as string enums listing their camelCase names, as the JSON options write them. A [Flags] enum crosses the API as a list
/// of single flags, so its zero value (<c>None</c>) and combinations are not listed.
/// </summary>
public sealed class EnumSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (!type.IsEnum) return Task.CompletedTask;

        var flags = type.IsDefined(typeof(FlagsAttribute), inherit: false);
        var names = Enum.GetValues(type).Cast<Enum>()
            .Where(v => !flags || IsSingleBit(Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture)))
            .Select(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));
        schema.Type = context.JsonTypeInfo.Type == type ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
        schema.Format = null;
        schema.Pattern = null;
        schema.Enum = [.. names.Select(n => (JsonNode)JsonValue.Create(n))];
        return Task.CompletedTask;
    }

    private static bool IsSingleBit(ulong value) => value != 0 && (value & (value - 1)) == 0;
}

/// <summary>
/// Numbers as numbers: the generator types a numeric query or route value as "integer or numeric string" with a pattern, because
/// the binder accepts the text; clients should send and receive plain integers.
/// </summary>
public sealed class NumericSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is not { } type || !type.HasFlag(JsonSchemaType.String) || schema.Pattern is null) return Task.CompletedTask;
        if (!type.HasFlag(JsonSchemaType.Integer) && !type.HasFlag(JsonSchemaType.Number)) return Task.CompletedTask;

        schema.Type = type & ~JsonSchemaType.String;
        schema.Pattern = null;
        return Task.CompletedTask;
    }
}

/// <summary>
/// Says in the document what every answer of a kind carries: a 201's <c>Location</c>, the <c>Retry-After</c> of a 429 or
/// 503, and the problem details' <c>traceId</c> and, on a 422, the <c>rule</c> that refused the change.
/// </summary>
public sealed class ResponseConventionsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is { } schemas && schemas.TryGetValue("ProblemDetails", out var found) && found is OpenApiSchema problem)
        {
            problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
            problem.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when reporting a problem." };
            problem.Properties["rule"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "On 422: the business rule that refused the change (R1–R16); `detail` starts with it.",
            };
            problem.Properties["violation"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "On 422: machine-readable facts about the refusal." };
        }

        foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
        {
            if (response is not OpenApiResponse concrete) continue;
            var (name, header) = status switch
            {
                "201" => ("Location", new OpenApiHeader { Description = "The created resource.", Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" } }),
                "429" or "503" => ("Retry-After", new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" } }),
                _ => ("", null),
            };
            if (header is null) continue;
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers[name] = header;
        }
        return Task.CompletedTask;
    }
}
