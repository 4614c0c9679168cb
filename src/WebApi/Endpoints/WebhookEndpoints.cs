using Mediator;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Webhooks;
using MentorCloud.Domain.Webhooks;
using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.Endpoints;

/// <summary>The school's webhooks (school-admin): signed deliveries of its events, with a log of every attempt.</summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder school)
    {
        var webhooks = school.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapPost("/", async (RegisterWebhookCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var webhook = await sender.Send(command, ct);
                return TypedResults.Created(http.SchoolLocation($"webhooks/{webhook.Id}"), webhook);
            })
            .WithSummary("Register a webhook {url, events[], secret}; deliveries are signed X-MentorCloud-Signature: sha256=<hex HMAC of the body>. "
                         + "Private, loopback and link-local targets are refused (400); a school keeps at most " + WebhookSubscription.MaxPerSchool + " webhooks (409)")
            .WithRequestExample(new RegisterWebhookCommand("https://hooks.example.edu.cn/mentorcloud", [WebhookEvents.MentorGroupPublished, WebhookEvents.StudentLeft],
                "whsec-2026-0f1e2d3c4b5a6978"));
        webhooks.MapGet("/", (ISender sender, CancellationToken ct) => sender.Send(new GetWebhooksQuery(), ct))
            .WithSummary("The school's webhooks (never their secrets)")
            .Produces<IReadOnlyList<WebhookDto>>();
        webhooks.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteWebhookCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Remove a webhook: nothing more is posted to it (204)");
        webhooks.MapGet("/{id:guid}/deliveries", (Guid id, ISender sender, CancellationToken ct, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetWebhookDeliveriesQuery(id, page, pageSize), ct))
            .WithSummary("What was posted to the webhook, newest first, with each attempt's time, status code or error")
            .Produces<PagedList<WebhookDeliveryDto>>();
        return school;
    }
}
