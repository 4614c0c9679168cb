using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;

namespace MentorCloud.WebApi.Infrastructure;

/// <summary>
/// Hands a creating endpoint's <c>Idempotency-Key</c> to the command pipeline (which replays or refuses retries) and
/// marks a replayed answer with <c>Idempotency-Replayed: true</c>. Attached by <see cref="HttpPreconditions.AcceptsIdempotencyKey{TBuilder}"/>.
/// </summary>
public sealed class IdempotencyKeyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var idempotency = http.RequestServices.GetRequiredService<IdempotencyContext>();
        if (http.Request.Headers.TryGetValue(HttpPreconditions.IdempotencyKey, out var values))
        {
            if (values.Count != 1 || !IsWellFormed(values[0]))
                throw ValidationException.For(HttpPreconditions.IdempotencyKey, Messages.IdempotencyKeyFormat);
            idempotency.Key = values[0];
        }

        var result = await next(context);
        if (idempotency.Replayed) http.Response.Headers[HttpPreconditions.IdempotencyReplayed] = "true";
        return result;
    }

    private static bool IsWellFormed(string? key) =>
        key is { Length: > 0 and <= HttpPreconditions.MaxIdempotencyKeyLength } && key.All(c => c is > ' ' and <= '~');
}
