using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;

namespace MentorCloud.Application.MentorGroups.Queries.GetMentorGroups;

/// <summary>Mentor groups: all for school admins; for teachers, the groups of classes they head or groups they mentor in until their semester is over (R16).</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetMentorGroupsQuery(Guid? SemesterId = null, Guid? ClassId = null, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<MentorGroupSummaryDto>>, IPaged, ISchoolRequest;

public sealed class GetMentorGroupsHandler(IApplicationDbContext db, AccessPolicy access, ICurrentUser user)
    : IQueryHandler<GetMentorGroupsQuery, PagedList<MentorGroupSummaryDto>>
{
    public async ValueTask<PagedList<MentorGroupSummaryDto>> Handle(GetMentorGroupsQuery query, CancellationToken cancellationToken)
    {
        var groups = db.MentorGroups.AsQueryable();
        if (!access.IsSchoolAdmin)
        {
            var headed = await access.HeadedClassIdsAsync(cancellationToken);
            var teacherId = user.TeacherId ?? Guid.Empty;
            var notOver = access.SemesterIdsNotOver();
            groups = groups.Where(g => headed.Contains(g.ClassId) || (g.MentorIds.Contains(teacherId) && notOver.Contains(g.SemesterId)));
        }
        if (query.SemesterId is { } semesterId) groups = groups.Where(g => g.SemesterId == semesterId);
        if (query.ClassId is { } classId) groups = groups.Where(g => g.ClassId == classId);

        var summaries = groups.OrderByDescending(g => g.CreatedAt).Select(g => new MentorGroupSummaryDto(
            g.Id, g.ClassId, g.SemesterId, g.Phase, g.SelectionClosesOn, g.PublishedAt, g.MentorIds.Count,
            g.AllAssignments.Where(a => a.EndedAt == null).Select(a => a.StudentId).Distinct().Count()));
        return await PagedList<MentorGroupSummaryDto>.CreateAsync(summaries, query, cancellationToken);
    }
}

public sealed class GetMentorGroupsValidator : AbstractValidator<GetMentorGroupsQuery>
{
    public GetMentorGroupsValidator() => this.AddPagingRules();
}
