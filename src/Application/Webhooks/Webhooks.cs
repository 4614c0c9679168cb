using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Webhooks;

/// <summary>A school's webhook as its admins see it: never its secret.</summary>
public sealed record WebhookDto(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

public sealed record WebhookAttemptDto(DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

/// <summary>One event posted (or being posted) to the webhook, with every HTTP attempt.</summary>
public sealed record WebhookDeliveryDto(Guid Id, string Type, Guid EventId, WebhookDeliveryStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt,
    IReadOnlyList<WebhookAttemptDto> Attempts);

/// <summary>Who may receive a school's webhooks: the SSRF guard, asked at registration and again when connecting.</summary>
public interface IWebhookTargets
{
    /// <summary>Null when the URL may receive webhooks; else why not (a private, loopback or link-local address after DNS resolution).</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>Keeps webhook secrets encrypted at rest.</summary>
public interface IWebhookSecrets
{
    string Protect(string secret);
    string Unprotect(string protectedSecret);
}

/// <summary>
/// Registers a webhook for the school's events (school-admin), up to <see cref="WebhookSubscription.MaxPerSchool"/> at once.
/// The secret signs every delivery and is never shown again.
/// </summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record RegisterWebhookCommand(string Url, IReadOnlyList<string> Events, string Secret) : ICommand<WebhookDto>, ISchoolRequest;

public sealed class RegisterWebhookHandler(IApplicationDbContext db, IWebhookTargets targets, IWebhookSecrets secrets, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<RegisterWebhookCommand, WebhookDto>
{
    public async ValueTask<WebhookDto> Handle(RegisterWebhookCommand command, CancellationToken cancellationToken)
    {
        if (await db.WebhookSubscriptions.CountAsync(w => w.DeletedAt == null, cancellationToken) >= WebhookSubscription.MaxPerSchool)
            throw new ConflictException(Messages.WebhookLimit(WebhookSubscription.MaxPerSchool));
        var url = new Uri(command.Url, UriKind.Absolute);
        if (await targets.RefusalAsync(url, cancellationToken) is not null)
            throw Common.Exceptions.ValidationException.For("url", Messages.WebhookTargetRefused);
        var webhook = new WebhookSubscription(url, command.Events, secrets.Protect(command.Secret), clock.GetUtcNow(), user.UserId);
        db.WebhookSubscriptions.Add(webhook);
        return webhook.ToDto();
    }
}

public sealed class RegisterWebhookValidator : AbstractValidator<RegisterWebhookCommand>
{
    public RegisterWebhookValidator()
    {
        RuleFor(x => x.Url).NotEmpty().MaximumLength(WebhookSubscription.MaxUrlLength)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host) && uri.UserInfo.Length == 0)
            .WithMessage(Messages.WebhookUrl);
        RuleFor(x => x.Events).NotEmpty().WithMessage(Messages.WebhookEvents)
            .Must(events => events is null || events.All(e => WebhookEvents.All.Contains(e))).WithMessage(Messages.WebhookEvents);
        RuleFor(x => x.Secret).NotEmpty().Length(16, 200).WithMessage(Messages.WebhookSecret);
    }
}

/// <summary>The school's webhooks (school-admin).</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record GetWebhooksQuery : IQuery<IReadOnlyList<WebhookDto>>, ISchoolRequest;

public sealed class GetWebhooksHandler(IApplicationDbContext db) : IQueryHandler<GetWebhooksQuery, IReadOnlyList<WebhookDto>>
{
    public async ValueTask<IReadOnlyList<WebhookDto>> Handle(GetWebhooksQuery query, CancellationToken cancellationToken)
    {
        var webhooks = await db.WebhookSubscriptions.AsNoTracking().Where(w => w.DeletedAt == null).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        return webhooks.Select(w => w.ToDto()).ToList();
    }
}

public sealed class GetWebhooksValidator : AbstractValidator<GetWebhooksQuery>;

/// <summary>Removes a webhook: nothing more is posted to it; its delivery log stays readable to the audit, its secret is dropped.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record DeleteWebhookCommand(Guid Id) : ICommand<Unit>, ISchoolRequest;

public sealed class DeleteWebhookHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<DeleteWebhookCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken)
    {
        var webhook = await db.WebhookSubscriptions.SingleOrDefaultAsync(w => w.Id == command.Id && w.DeletedAt == null, cancellationToken)
                      ?? throw new NotFoundException("Webhook", command.Id);
        webhook.Delete(clock.GetUtcNow());
        return Unit.Value;
    }
}

public sealed class DeleteWebhookValidator : AbstractValidator<DeleteWebhookCommand>
{
    public DeleteWebhookValidator() => RuleFor(x => x.Id).NotEmpty();
}

/// <summary>What was posted to a webhook, newest first, with each attempt's status code or error (school-admin).</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record GetWebhookDeliveriesQuery(Guid Id, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<WebhookDeliveryDto>>, IPaged, ISchoolRequest;

public sealed class GetWebhookDeliveriesHandler(IApplicationDbContext db) : IQueryHandler<GetWebhookDeliveriesQuery, PagedList<WebhookDeliveryDto>>
{
    public async ValueTask<PagedList<WebhookDeliveryDto>> Handle(GetWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(w => w.Id == query.Id && w.DeletedAt == null, cancellationToken))
            throw new NotFoundException("Webhook", query.Id);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == query.Id);
        var total = await deliveries.CountAsync(cancellationToken);
        var page = await deliveries.OrderByDescending(d => d.Id).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        var ids = page.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookDeliveryAttempts.Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToLookup(a => a.DeliveryId);
        var items = page.Select(d => new WebhookDeliveryDto(d.Id, d.EventType, d.OutboxMessageId, d.Status, d.CreatedAt, d.DeliveredAt,
            attempts[d.Id].Select(a => new WebhookAttemptDto(a.At, a.StatusCode, a.Error, a.DurationMs)).ToList())).ToList();
        return new PagedList<WebhookDeliveryDto>(items, query.Page, query.PageSize, total);
    }
}

public sealed class GetWebhookDeliveriesValidator : AbstractValidator<GetWebhookDeliveriesQuery>
{
    public GetWebhookDeliveriesValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Id).NotEmpty();
    }
}

internal static class WebhookMapping
{
    public static WebhookDto ToDto(this WebhookSubscription webhook) => new(webhook.Id, webhook.Url, webhook.EventList, webhook.CreatedAt);
}
