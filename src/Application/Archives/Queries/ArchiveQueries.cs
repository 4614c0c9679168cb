using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Behaviours;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Archives.Queries;

/// <summary>A student's archive, every section decrypted (R7, R8); a former mentor sees the versions they wrote. Audited.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetArchiveQuery(Guid StudentId) : IQuery<StudentArchiveDto>, ISchoolRequest, IAuditedRead;

public sealed class GetArchiveHandler(ArchiveAccessPolicy access, ArchiveStore store) : IQueryHandler<GetArchiveQuery, StudentArchiveDto>
{
    public async ValueTask<StudentArchiveDto> Handle(GetArchiveQuery query, CancellationToken cancellationToken)
    {
        var granted = await access.DemandReadAsync(query.StudentId, ArchiveAccess.OwnVersions, ArchiveReadKind.Archive, null, cancellationToken);
        return await store.ReadAsync(query.StudentId, granted == ArchiveAccess.OwnVersions, cancellationToken);
    }
}

/// <summary>Earlier versions, newest first, of one section or all, with author and time. Audited.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetArchiveHistoryQuery(Guid StudentId, ArchiveSection? Section = null, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<ArchiveVersionDto>>, IPaged, ISchoolRequest, IAuditedRead;

public sealed class GetArchiveHistoryHandler(ArchiveAccessPolicy access, ArchiveStore store) : IQueryHandler<GetArchiveHistoryQuery, PagedList<ArchiveVersionDto>>
{
    public async ValueTask<PagedList<ArchiveVersionDto>> Handle(GetArchiveHistoryQuery query, CancellationToken cancellationToken)
    {
        var granted = await access.DemandReadAsync(query.StudentId, ArchiveAccess.OwnVersions, ArchiveReadKind.History, query.Section, cancellationToken);
        var page = await PagedList<ArchiveEntry>.CreateAsync(store.Versions(query.StudentId, query.Section, granted == ArchiveAccess.OwnVersions), query, cancellationToken);
        return new PagedList<ArchiveVersionDto>(page.Items.Select(e => store.ToDto(query.StudentId, e)).ToList(), page.Page, page.PageSize, page.TotalCount);
    }
}

public sealed class GetArchiveHistoryValidator : AbstractValidator<GetArchiveHistoryQuery>
{
    public GetArchiveHistoryValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Section).IsInEnum();
    }
}

/// <summary>The student's goals: the student, their guardians, current mentors, head teacher and school admins. Audited.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student, Roles.Guardian)]
public sealed record GetGoalsQuery(Guid StudentId) : IQuery<IReadOnlyList<GoalDto>>, ISchoolRequest, IAuditedRead;

public sealed class GetGoalsHandler(ArchiveAccessPolicy access, IApplicationDbContext db) : IQueryHandler<GetGoalsQuery, IReadOnlyList<GoalDto>>
{
    public async ValueTask<IReadOnlyList<GoalDto>> Handle(GetGoalsQuery query, CancellationToken cancellationToken)
    {
        await access.DemandReadAsync(query.StudentId, ArchiveAccess.ReadGoals, ArchiveReadKind.Goals, null, cancellationToken);
        var goals = await db.StudentArchives.AsNoTracking().Where(a => a.StudentId == query.StudentId)
            .SelectMany(a => a.Goals).OrderBy(g => g.Status).ThenByDescending(g => g.SetAt).ToListAsync(cancellationToken);
        return goals.Select(GoalDto.From).ToList();
    }
}

/// <summary>One goal with its progress notes.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student, Roles.Guardian)]
public sealed record GetGoalQuery(Guid StudentId, Guid GoalId) : IQuery<GoalDto>, ISchoolRequest, IAuditedRead;

public sealed class GetGoalHandler(ArchiveAccessPolicy access, IApplicationDbContext db) : IQueryHandler<GetGoalQuery, GoalDto>
{
    public async ValueTask<GoalDto> Handle(GetGoalQuery query, CancellationToken cancellationToken)
    {
        await access.DemandReadAsync(query.StudentId, ArchiveAccess.ReadGoals, ArchiveReadKind.Goals, null, cancellationToken);
        var goal = await db.StudentArchives.AsNoTracking().Where(a => a.StudentId == query.StudentId)
                       .SelectMany(a => a.Goals).SingleOrDefaultAsync(g => g.Id == query.GoalId, cancellationToken)
                   ?? throw new NotFoundException(nameof(ArchiveGoal), query.GoalId);
        return GoalDto.From(goal);
    }
}

/// <summary>The guardian consent in force and its history: school admins and the class's head teacher. Audited.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetGuardianConsentQuery(Guid StudentId) : IQuery<GuardianConsentStatusDto>, ISchoolRequest, IAuditedRead;

public sealed class GetGuardianConsentHandler(ArchiveAccessPolicy access, IApplicationDbContext db, IDomainEventQueue events)
    : IQueryHandler<GetGuardianConsentQuery, GuardianConsentStatusDto>
{
    public async ValueTask<GuardianConsentStatusDto> Handle(GetGuardianConsentQuery query, CancellationToken cancellationToken)
    {
        await access.DemandConsentKeeperAsync(query.StudentId, cancellationToken);
        events.Raise(new ArchiveRead(query.StudentId, ArchiveReadKind.Consent, null, Refused: false));
        var archive = await db.StudentArchives.AsNoTracking().Include(a => a.Consents).SingleOrDefaultAsync(a => a.StudentId == query.StudentId, cancellationToken);
        return archive is null ? new GuardianConsentStatusDto(false, null, []) : ArchiveStore.ConsentStatus(archive);
    }
}

/// <summary>The whole archive with every version, goal and consent as one document, for a guardian's request (PIPL Art. 45): school admins. Audited.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record ExportArchiveQuery(Guid StudentId) : IQuery<ArchiveExportDto>, ISchoolRequest, IAuditedRead;

public sealed class ExportArchiveHandler(ArchiveAccessPolicy access, ArchiveStore store, IApplicationDbContext db, TimeProvider clock)
    : IQueryHandler<ExportArchiveQuery, ArchiveExportDto>
{
    public async ValueTask<ArchiveExportDto> Handle(ExportArchiveQuery query, CancellationToken cancellationToken)
    {
        await access.DemandReadAsync(query.StudentId, ArchiveAccess.Full, ArchiveReadKind.Export, null, cancellationToken);
        var student = await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.StudentId, cancellationToken)
                      ?? throw new NotFoundException(nameof(Student), query.StudentId);
        var archive = await db.StudentArchives.AsNoTracking().Include(a => a.Goals).Include(a => a.Consents)
            .SingleOrDefaultAsync(a => a.StudentId == query.StudentId, cancellationToken);
        var versions = await store.Versions(query.StudentId, null, ownVersionsOnly: false).ToListAsync(cancellationToken);
        return new ArchiveExportDto(student.Id, student.Name, student.StudentNo, clock.GetUtcNow(), archive?.Version ?? 0, archive?.ErasedAt,
            versions.Select(e => store.ToDto(query.StudentId, e)).ToList(),
            archive?.Goals.OrderBy(g => g.SetAt).Select(GoalDto.From).ToList() ?? [],
            archive is null ? [] : ArchiveStore.ConsentStatus(archive).History);
    }
}
