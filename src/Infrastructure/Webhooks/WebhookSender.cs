using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using MentorCloud.Application.Webhooks;
using MentorCloud.Domain.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace MentorCloud.Infrastructure.Webhooks;

/// <summary>Webhook secrets encrypted with the platform's data-protection keys (kept in the catalog database, shared by every node).</summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider) : IWebhookSecrets
{
    private readonly IDataProtector _protector = provider.CreateProtector("MentorCloud.Webhooks.Secret");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

/// <summary>The attempts of one delivery, as the HTTP pipeline makes them (retries included).</summary>
public sealed class WebhookAttemptLog
{
    public static readonly HttpRequestOptionsKey<WebhookAttemptLog> Key = new("MentorCloud.WebhookAttempts");

    private readonly List<WebhookAttemptRecord> _attempts = [];

    public IReadOnlyList<WebhookAttemptRecord> Attempts
    {
        get { lock (_attempts) return _attempts.ToList(); }
    }

    public void Add(WebhookAttemptRecord attempt)
    {
        lock (_attempts) _attempts.Add(attempt);
    }
}

public sealed record WebhookAttemptRecord(DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

public sealed record WebhookSendResult(bool Delivered, IReadOnlyList<WebhookAttemptRecord> Attempts);

/// <summary>Logs every attempt the resilience pipeline makes: it sits inside the retry, so each try passes here.</summary>
public sealed class WebhookAttemptHandler(TimeProvider clock, ILogger<WebhookAttemptHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var log = request.Options.TryGetValue(WebhookAttemptLog.Key, out var found) ? found : null;
        var at = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var delivery = request.Headers.TryGetValues(WebhookSender.DeliveryHeader, out var ids) ? ids.FirstOrDefault() : null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            log?.Add(new WebhookAttemptRecord(at, status, response.IsSuccessStatusCode ? null : $"HTTP {status}", Elapsed(started)));
            logger.LogInformation("Webhook delivery {Delivery} to {Host}: HTTP {Status}", delivery, request.RequestUri?.Host, status);
            return response;
        }
        catch (Exception ex)
        {
            var error = Describe(ex);
            log?.Add(new WebhookAttemptRecord(at, null, error, Elapsed(started)));
            logger.LogWarning("Webhook delivery {Delivery} to {Host} failed: {Error}", delivery, request.RequestUri?.Host, error);
            throw;
        }
    }

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string Describe(Exception ex) => ex switch
    {
        _ when Find<WebhookTargetRefusedException>(ex) is { } refused => $"refused: {refused.Message}",
        OperationCanceledException => "timed out",
        _ => ex.GetBaseException().Message,
    };

    internal static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is T found) return found;
        return null;
    }
}

/// <summary>
/// Posts one delivery: the body <c>{id, type, occurredAt, school, data}</c> signed with the webhook's secret
/// (<c>X-MentorCloud-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>), retried with backoff by the client's resilience pipeline.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IWebhookSecrets secrets)
{
    public const string ClientName = "webhooks";
    public const string SignatureHeader = "X-MentorCloud-Signature";
    public const string DeliveryHeader = "X-MentorCloud-Delivery";

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public async Task<WebhookSendResult> SendAsync(WebhookSubscription webhook, Guid deliveryId, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(SignatureHeader, Sign(secrets.Unprotect(webhook.ProtectedSecret), body));
        request.Headers.Add(DeliveryHeader, deliveryId.ToString());
        var log = new WebhookAttemptLog();
        request.Options.Set(WebhookAttemptLog.Key, log);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            return new WebhookSendResult(response.IsSuccessStatusCode, log.Attempts);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return new WebhookSendResult(false, log.Attempts);
        }
    }
}
