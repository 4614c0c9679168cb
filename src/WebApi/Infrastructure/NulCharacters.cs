using System.Text.Json;
using System.Text.Json.Serialization;
using MentorCloud.Application.Common.Localization;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// PostgreSQL cannot store U+0000 in text, and no field has a use for it: a request carrying one in its JSON body or its
/// query string is answered 400 before it reaches a handler, on every database alike.
/// </summary>
public sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value?.Contains('\0', StringComparison.Ordinal) == true ? throw new JsonException(Messages.NulCharacter) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <inheritdoc cref="NulFreeStringConverter"/>
public sealed class NulFreeQueryMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: Messages.NulCharacter).ExecuteAsync(context)
            : next(context);
}
