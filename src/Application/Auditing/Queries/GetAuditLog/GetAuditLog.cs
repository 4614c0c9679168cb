using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Auditing;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Archives;

namespace MentorCloud.Application.Auditing.Queries.GetAuditLog;

/// <summary>One line of the school's audit log: who did what to which record, and when.</summary>
public sealed record AuditEntryDto(Guid Id, DateTimeOffset At, Guid? ActorId, string? ActorName, string? ActorRole, string Action, string SubjectType, Guid? SubjectId,
    Guid? StudentId, string? Section, string? ClientAddress, string? UserAgent, string? Details);

/// <summary>The school's append-only audit log, newest first (R8, R14): school admins only.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record GetAuditLogQuery(Guid? StudentId = null, Guid? ActorId = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    ArchiveSection? Section = null, string? Action = null, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<AuditEntryDto>>, IPaged, ISchoolRequest;

public sealed class GetAuditLogHandler(IApplicationDbContext db) : IQueryHandler<GetAuditLogQuery, PagedList<AuditEntryDto>>
{
    public async ValueTask<PagedList<AuditEntryDto>> Handle(GetAuditLogQuery query, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsQueryable();
        if (query.StudentId is { } studentId) entries = entries.Where(a => a.StudentId == studentId);
        if (query.ActorId is { } actorId) entries = entries.Where(a => a.ActorId == actorId);
        if (query.Section is { } section)
        {
            var name = AuditActions.SectionName(section);
            entries = entries.Where(a => a.Section == name);
        }
        if (!string.IsNullOrWhiteSpace(query.Action)) entries = entries.Where(a => a.Action == query.Action);
        // Compared in UTC: SQLite stores instants as UTC ticks.
        if (query.From?.ToUniversalTime() is { } from) entries = entries.Where(a => a.At >= from);
        if (query.To?.ToUniversalTime() is { } to) entries = entries.Where(a => a.At <= to);
        var lines = entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.ActorId, a.ActorName, a.ActorRole, a.Action, a.SubjectType, a.SubjectId, a.StudentId, a.Section,
                a.ClientAddress, a.UserAgent, a.Details));
        return await PagedList<AuditEntryDto>.CreateAsync(lines, query, cancellationToken);
    }
}

public sealed class GetAuditLogValidator : AbstractValidator<GetAuditLogQuery>
{
    public GetAuditLogValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Section).IsInEnum();
        RuleFor(x => x.Action).MaximumLength(60);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).WithMessage(Messages.ToNotBeforeFrom).When(x => x.From is not null && x.To is not null);
    }
}
