using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Notifications;

/// <summary>One notification of the caller: <c>payload</c> is the JSON the notification carries for clients, if any.</summary>
public sealed record NotificationDto(Guid Id, string Kind, string Title, string? Body, string? Payload, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>
/// The caller's notifications in their school, newest first. Callers outside any school (platform and district staff) have
/// none: the tenant is the caller's own school, never chosen by the request.
/// </summary>
[AnyAuthenticatedUser]
public sealed record GetMyNotificationsQuery(bool UnreadOnly = false, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<NotificationDto>>, IPaged;

public sealed class GetMyNotificationsHandler(IApplicationDbContext db, ICurrentUser user, ITenantContext tenant)
    : IQueryHandler<GetMyNotificationsQuery, PagedList<NotificationDto>>
{
    public async ValueTask<PagedList<NotificationDto>> Handle(GetMyNotificationsQuery query, CancellationToken cancellationToken)
    {
        if (tenant.Current is null || user.UserId is not { } me) return new PagedList<NotificationDto>([], query.Page, query.PageSize, 0);
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientId == me);
        if (query.UnreadOnly) mine = mine.Where(n => n.ReadAt == null);
        var lines = mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(n => new NotificationDto(n.Id, n.Kind, n.Title, n.Body, n.Payload, n.CreatedAt, n.ReadAt));
        return await PagedList<NotificationDto>.CreateAsync(lines, query, cancellationToken);
    }
}

public sealed class GetMyNotificationsValidator : AbstractValidator<GetMyNotificationsQuery>
{
    public GetMyNotificationsValidator() => this.AddPagingRules();
}

/// <summary>Marks one of the caller's notifications read; anyone else's is not found.</summary>
[AnyAuthenticatedUser]
public sealed record MarkNotificationReadCommand(Guid Id) : ICommand<Unit>;

public sealed class MarkNotificationReadHandler(IApplicationDbContext db, ICurrentUser user, ITenantContext tenant, TimeProvider clock)
    : ICommandHandler<MarkNotificationReadCommand, Unit>
{
    public async ValueTask<Unit> Handle(MarkNotificationReadCommand command, CancellationToken cancellationToken)
    {
        if (tenant.Current is null || user.UserId is not { } me) throw new NotFoundException(nameof(Notification), command.Id);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == command.Id && n.RecipientId == me, cancellationToken)
                           ?? throw new NotFoundException(nameof(Notification), command.Id);
        notification.MarkRead(clock.GetUtcNow());
        return Unit.Value;
    }
}

public sealed class MarkNotificationReadValidator : AbstractValidator<MarkNotificationReadCommand>
{
    public MarkNotificationReadValidator() => RuleFor(x => x.Id).NotEmpty();
}

/// <summary>
/// Stores notifications for background work. A notification whose unique key the school already has is "already there":
/// the call succeeds and stores nothing, whether the earlier one was stored a minute ago or by another job server just now.
/// </summary>
public interface INotificationStore
{
    /// <summary>Stores the notification in the current school unless its unique key is taken; true when it was stored now.</summary>
    Task<bool> TryAddAsync(Notification notification, CancellationToken cancellationToken);
}
