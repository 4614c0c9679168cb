using Mediator;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Notifications;
using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.Endpoints;

/// <summary>The caller's own notifications: <c>/api/v1/me/notifications</c>, in the caller's own school.</summary>
public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/me/notifications").WithTags("Notifications").WithMetadata(CallersSchool.Instance);
        notifications.MapGet("/", (ISender sender, CancellationToken ct, bool unreadOnly = false, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetMyNotificationsQuery(unreadOnly, page, pageSize), ct))
            .WithSummary("Reminders and messages for the caller, newest first")
            .Produces<PagedList<NotificationDto>>();
        notifications.MapPost("/{id:guid}/read", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new MarkNotificationReadCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Mark one of the caller's notifications read (204); anyone else's is not found");
        return api;
    }
}
