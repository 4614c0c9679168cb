using System.Text.Json;
using MentorCloud.Application.Common.Localization;
using Microsoft.Net.Http.Headers;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// PostgreSQL cannot store U+0000 in text, and no field has a use for it: a request carrying one in its query string or
/// in a string of its JSON body is answered 400 before it reaches a handler, on every database alike.
/// </summary>
public sealed class NulCharacterGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true) return RefuseAsync(context);
        // Most requests carry no JSON body: they pass straight on, without a state machine of their own.
        return IsJson(context.Request) ? CheckBodyAsync(context) : next(context);
    }

    private async Task CheckBodyAsync(HttpContext context)
    {
        if (await JsonBodyHasNulAsync(context.Request))
            await RefuseAsync(context);
        else
            await next(context);
    }

    private static Task RefuseAsync(HttpContext context) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: Messages.NulCharacter).ExecuteAsync(context);

    private static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static async Task<bool> JsonBodyHasNulAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return HasNul(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>In JSON a NUL can only be written as an escape, so only escaped strings are decoded. Broken JSON is left to the binder's 400.</summary>
    private static bool HasNul(ReadOnlySpan<byte> json)
    {
        // Without a backslash nothing is escaped (a raw NUL byte is not valid JSON, and the binder refuses it).
        if (!json.Contains((byte)'\\')) return false;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            while (reader.Read())
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && reader.GetString()!.Contains('\0', StringComparison.Ordinal))
                    return true;
        }
        catch (JsonException)
        {
        }
        catch (InvalidOperationException)
        {
            // An unpaired surrogate escape cannot be decoded; the binder refuses it.
        }
        return false;
    }
}
