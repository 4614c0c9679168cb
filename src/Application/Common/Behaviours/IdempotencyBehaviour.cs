using System.Security.Cryptography;
using System.Text.Json;
using Mediator;
using MentorCloud.Application.Common.Interfaces;

namespace MentorCloud.Application.Common.Behaviours;

/// <summary>
/// Runs a creating command at most once per <c>Idempotency-Key</c> (R10): the first request reserves the key, a
/// retry with the same body gets the first answer back, a retry with another body is refused (422), and a retry
/// while the first still runs gets 409. Runs outside the unit of work; <see cref="IdempotentResponseBehaviour{TMessage,TResponse}"/>
/// stores the answer inside it.
/// </summary>
public sealed class IdempotencyBehaviour<TMessage, TResponse>(IdempotencyContext context, IIdempotencyStore store)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand, IIdempotentRequest
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (context.Key is not { } key) return await next(message, cancellationToken);

        var reservation = await store.ReserveAsync(key, typeof(TMessage).Name, IdempotentAnswers.Hash(message), cancellationToken);
        if (reservation.StoredResponse is { } stored)
        {
            context.Replayed = true;
            return IdempotentAnswers.Read<TResponse>(stored);
        }

        context.ReservationId = reservation.Id;
        try
        {
            return await next(message, cancellationToken);
        }
        catch
        {
            // Nothing was created: a corrected retry may use the key again.
            await store.ReleaseAsync(reservation.Id, CancellationToken.None);
            throw;
        }
        finally
        {
            context.ReservationId = null;
        }
    }
}

/// <summary>Stores the command's answer under its reservation, in the command's own transaction (before the unit of work commits).</summary>
public sealed class IdempotentResponseBehaviour<TMessage, TResponse>(IdempotencyContext context, IIdempotencyStore store)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand, IIdempotentRequest
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (context.ReservationId is { } reservation)
            await store.CompleteAsync(reservation, IdempotentAnswers.Write(response), cancellationToken);
        return response;
    }
}

/// <summary>How a request is fingerprinted and an answer kept: JSON of the command (route values included) and of the result.</summary>
public static class IdempotentAnswers
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Hash<TMessage>(TMessage message) where TMessage : notnull =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), Json)));

    public static string Write<TResponse>(TResponse response) => JsonSerializer.Serialize(response, Json);

    public static TResponse Read<TResponse>(string stored) => JsonSerializer.Deserialize<TResponse>(stored, Json)!;
}
