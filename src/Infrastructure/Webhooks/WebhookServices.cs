using MentorCloud.Application.Notifications;
using MentorCloud.Application.Webhooks;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace MentorCloud.Infrastructure.Webhooks;

public static class WebhookServices
{
    /// <summary>Webhook targets (SSRF guard), secrets under data protection, the notification store and the signed, retried webhook client.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.RetryAttempts is >= 1 and <= 10, "Webhooks:RetryAttempts must lie between 1 and 10.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.AttemptTimeout > TimeSpan.Zero, "Webhooks:RetryDelay and Webhooks:AttemptTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<IWebhookTargets>(sp => sp.GetRequiredService<WebhookTargets>());

        // One key ring for every node, in the catalog database; a secret protected on one node opens on another.
        services.AddDataProtection().SetApplicationName("MentorCloud").PersistKeysToDbContext<KeyRingDbContext>();
        services.AddSingleton<IWebhookSecrets, WebhookSecrets>();
        services.AddScoped<INotificationStore, NotificationStore>();

        services.AddTransient<WebhookAttemptHandler>();
        services.AddScoped<WebhookSender>();
        var client = services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        client.ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = sp.GetRequiredService<WebhookTargets>().ConnectAsync,
            })
            .AddResilienceHandler("webhook", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.RetryAttempts,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    // A refused target stays refused: no retry.
                    ShouldHandle = args => ValueTask.FromResult(
                        WebhookAttemptHandler.Find<WebhookTargetRefusedException>(args.Outcome.Exception) is null && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });
        // Added after the resilience handler, so it sits inside it and sees every attempt.
        client.AddHttpMessageHandler<WebhookAttemptHandler>();
        return services;
    }
}
