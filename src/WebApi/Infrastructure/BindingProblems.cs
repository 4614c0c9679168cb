using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using MentorCloud.Application.Common.Localization;
using static MentorCloud.Application.Common.ElementTypes;
using MentorCloud.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// What ASP.NET Core refused before a request reached its handler, as a problem a front end can act on: a query or route
/// value that does not parse and a JSON value of the wrong type or format are 400 with <c>errors</c> naming the field
/// (<c>pageSize</c>, <c>followUps[0].dueOn</c>) and saying what it takes, in the caller's language; a body that is not
/// JSON, is JSON of another kind than the endpoint takes (an array where it takes an object), or is missing, is 400
/// saying so; a body over the server's size limit is 413 naming the limit. The framework's own text names C# types and
/// parameters, so it is never shown.
/// (A body of another content type is a 415 ASP.NET Core answers without an exception; the problem details name the
/// content type to send, <see cref="AcceptedContentTypes"/>.)
/// </summary>
public static partial class BindingProblems
{
    public static ProblemDetails For(HttpContext context, BadHttpRequestException exception)
    {
        var message = exception.Message;
        if (exception.InnerException is JsonException json && ReadBody().Match(message) is { Success: true } read)
        {
            var bodyType = ParameterType(context, read.Groups["name"].Value);
            if (json.InnerException is JsonException) return Problem(Messages.InvalidJsonBody); // the reader's: not JSON at all
            return FieldOf(json.Path) is { } field
                ? Invalid(field, FieldsBeside(bodyType, field) is { } fields ? Messages.UnknownField(fields) : Expected(TypeAt(bodyType, field)))
                : Problem(Messages.JsonBodyOfAnotherKind(Expected(bodyType))); // an array or a string where the body is an object
        }
        if (Bind().Match(message) is { Success: true } bind)
        {
            var type = ParameterType(context, bind.Groups["name"].Value);
            return Invalid(bind.Groups["name"].Value, OutOfRange(type, bind.Groups["value"].Value) ?? Expected(type));
        }
        if (ImplicitBody().IsMatch(message)) return Problem(Messages.JsonBodyRequired);
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge && context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit)
            return Problem(Messages.BodyTooLarge(limit), exception.StatusCode);
        // Anything else Kestrel refuses keeps its text, which names no code; a 400 in the framework's own terms gets a plain one.
        return Problem(exception.StatusCode == StatusCodes.Status400BadRequest ? Messages.MalformedRequest : message, exception.StatusCode);
    }

    private static HttpValidationProblemDetails Invalid(string field, string expected) =>
        new(new Dictionary<string, string[]> { [field] = [expected] }) { Status = StatusCodes.Status400BadRequest };

    private static ProblemDetails Problem(string detail, int status = StatusCodes.Status400BadRequest) => new() { Status = status, Detail = detail };

    /// <summary>"$.followUps[0].dueOn" → "followUps[0].dueOn", as the validators name fields; null for the body itself.</summary>
    private static string? FieldOf(string? path) => path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;

    /// <summary>The content types the endpoint's body takes ("application/json" unless it declares others).</summary>
    public static string AcceptedContentTypes(HttpContext context) =>
        EndpointOf(context)?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } types ? string.Join(", ", types) : "application/json";

    /// <summary>The endpoint that answers, or failed: the exception handler clears the request's own and keeps it in its feature.</summary>
    private static Endpoint? EndpointOf(HttpContext context) => context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;

    /// <summary>The declared type of the handler's parameter <paramref name="name"/> (the endpoint's method is in its metadata).</summary>
    private static Type? ParameterType(HttpContext context, string name) =>
        EndpointOf(context)?.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters()
            .FirstOrDefault(p => p.Name == name)?.ParameterType;

    /// <summary>The type <paramref name="field"/> has inside <paramref name="root"/>, by its JSON names and indexes; null when it names none.</summary>
    private static Type? TypeAt(Type? root, string field)
    {
        var type = root;
        foreach (Match step in FieldSteps().Matches(field))
        {
            if (type is null) return null;
            type = step.Groups["name"].Success
                ? type.GetProperty(step.Groups["name"].Value, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType
                : ElementOf(type);
        }
        return type;
    }

    /// <summary>
    /// When the last step of <paramref name="field"/> names a field its object does not have (an archive section refuses
    /// those), the fields that object has, by their JSON names; else null.
    /// </summary>
    private static string? FieldsBeside(Type? root, string field)
    {
        var steps = FieldSteps().Matches(field);
        if (steps.Count == 0 || steps[^1].Groups["name"] is not { Success: true } last) return null;
        var owner = TypeAt(root, field[..steps[^1].Index]);
        if (owner is null || ElementOf(owner) is not null || owner.GetProperty(last.Value, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not null)
            return null;
        return string.Join(", ", owner.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));
    }

    /// <summary>For a whole number too large or too small for <paramref name="declared"/>, the range it takes; else null.</summary>
    private static LocalizedText? OutOfRange(Type? declared, string value) =>
        (declared is null ? null : Nullable.GetUnderlyingType(declared) ?? declared) == typeof(int) && WholeNumber().IsMatch(value)
            ? Messages.WholeNumberBetween(int.MinValue, int.MaxValue)
            : null;

    /// <summary>What a value of <paramref name="declared"/> looks like in the contract (API.md "Conventions").</summary>
    private static LocalizedText Expected(Type? declared)
    {
        var type = declared is null ? null : Nullable.GetUnderlyingType(declared) ?? declared;
        return type switch
        {
            null => Messages.InvalidValue,
            { IsEnum: true } => Messages.UseOneOf(EnumQueryParameters.NamesOf(type)),
            _ when type == typeof(DateOnly) => Messages.UseDate,
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => Messages.UseTimestamp,
            _ when type == typeof(Guid) => Messages.UseGuid,
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => Messages.UseWholeNumber,
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => Messages.UseNumber,
            _ when type == typeof(bool) => Messages.UseBoolean,
            _ when type == typeof(string) => Messages.UseText,
            _ when ElementOf(type) is not null => Messages.UseArray,
            _ => Messages.UseObject,
        };
    }

    // ASP.NET Core's texts for a parameter it could not bind (RequestDelegateFactory), each naming "{type} {name}".
    [GeneratedRegex("""^Failed to bind parameter "[^"]* (?<name>[^" ]+)" from "(?<value>[\s\S]*)"\.$""")]
    private static partial Regex Bind();

    [GeneratedRegex("""^Failed to read parameter "[^"]* (?<name>[^" ]+)" from the request body as JSON\.$""")]
    private static partial Regex ReadBody();

    [GeneratedRegex("""^Implicit body inferred for parameter "[^"]+" but no body was provided""")]
    private static partial Regex ImplicitBody();

    [GeneratedRegex("""^[+-]?[0-9]+$""")]
    private static partial Regex WholeNumber();

    [GeneratedRegex("""(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[\d+\]""")]
    private static partial Regex FieldSteps();
}
