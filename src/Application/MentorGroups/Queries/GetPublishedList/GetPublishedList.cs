using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.MentorGroups;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups.Queries.GetPublishedList;

/// <summary>The published mentor list (R6): for the class's students and the group's members, once published.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record GetPublishedListQuery(Guid GroupId) : IQuery<PublishedListDto>, ISchoolRequest;

public sealed class GetPublishedListHandler(IApplicationDbContext db, ICurrentUser user, MentorGroupService groups)
    : IQueryHandler<GetPublishedListQuery, PublishedListDto>
{
    public async ValueTask<PublishedListDto> Handle(GetPublishedListQuery query, CancellationToken cancellationToken)
    {
        var group = await groups.ReadAsync(query.GroupId, cancellationToken);
        var studentOfClass = user.StudentId is { } studentId && await db.Students.AnyAsync(s => s.Id == studentId && s.ClassId == group.ClassId, cancellationToken);
        if (!studentOfClass && !await groups.IsMemberAsync(group, cancellationToken))
            throw new NotFoundException(nameof(MentorGroup), query.GroupId);
        if (group.Phase != MentorGroupPhase.Published || group.PublishedAt is not { } publishedAt)
            throw new NotFoundException("Published list", query.GroupId);

        var mentorIds = group.MentorIds.ToList();
        var mentors = await db.Teachers.AsNoTracking().Where(t => mentorIds.Contains(t.Id)).OrderBy(t => t.EmployeeNo)
            .Select(t => new PublishedMentorDto(t.Id, t.Name, t.Subjects)).ToListAsync(cancellationToken);
        var students = await db.Students.AsNoTracking().Where(s => s.ClassId == group.ClassId && s.IsActive).OrderBy(s => s.StudentNo)
            .Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        return new PublishedListDto(group.Id, group.ClassId, group.SemesterId, publishedAt, mentors,
            students.Select(s => new PublishedStudentDto(s.Id, s.Name, group.MentorsOf(s.Id).ToList())).ToList());
    }
}
