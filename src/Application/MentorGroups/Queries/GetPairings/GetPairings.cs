using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups.Queries.GetPairings;

/// <summary>A teacher's mentees: that teacher or a school admin.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetMenteesQuery(Guid TeacherId, Guid? SemesterId = null) : IQuery<IReadOnlyList<PairingDto>>, ISchoolRequest;

/// <summary>A student's mentors: the student, their head teacher, or a school admin.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record GetStudentMentorsQuery(Guid StudentId, Guid? SemesterId = null) : IQuery<IReadOnlyList<PairingDto>>, ISchoolRequest;

public sealed class GetPairingsHandler(IApplicationDbContext db, ICurrentUser user, AccessPolicy access)
    : IQueryHandler<GetMenteesQuery, IReadOnlyList<PairingDto>>, IQueryHandler<GetStudentMentorsQuery, IReadOnlyList<PairingDto>>
{
    public async ValueTask<IReadOnlyList<PairingDto>> Handle(GetMenteesQuery query, CancellationToken cancellationToken)
    {
        if ((!access.IsSchoolAdmin && user.TeacherId != query.TeacherId) || !await db.Teachers.AnyAsync(t => t.Id == query.TeacherId, cancellationToken))
            throw new NotFoundException(nameof(Teacher), query.TeacherId);
        return await PairingsAsync(db.MentorAssignments.Where(a => a.MentorId == query.TeacherId), query.SemesterId, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<PairingDto>> Handle(GetStudentMentorsQuery query, CancellationToken cancellationToken)
    {
        var classId = await db.Students.Where(s => s.Id == query.StudentId).Select(s => (Guid?)s.ClassId).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException(nameof(Student), query.StudentId);
        if (user.StudentId != query.StudentId)
            await access.DemandAdminOrHeadTeacherOfAsync(classId, nameof(Student), query.StudentId, cancellationToken);
        return await PairingsAsync(db.MentorAssignments.Where(a => a.StudentId == query.StudentId), query.SemesterId, cancellationToken);
    }

    private async Task<IReadOnlyList<PairingDto>> PairingsAsync(IQueryable<Domain.MentorGroups.MentorAssignment> assignments, Guid? semesterId, CancellationToken cancellationToken)
    {
        assignments = assignments.Where(a => a.EndedAt == null);
        if (semesterId is { } semester) assignments = assignments.Where(a => a.SemesterId == semester);
        return await (from a in assignments
                      join g in db.MentorGroups on a.GroupId equals g.Id
                      join s in db.Students on a.StudentId equals s.Id
                      join t in db.Teachers on a.MentorId equals t.Id
                      orderby s.StudentNo, t.EmployeeNo
                      select new PairingDto(a.GroupId, a.SemesterId, g.ClassId, s.Id, s.Name, t.Id, t.Name, a.Source)).ToListAsync(cancellationToken);
    }
}

public sealed class GetMenteesValidator : AbstractValidator<GetMenteesQuery>
{
    public GetMenteesValidator() => RuleFor(x => x.TeacherId).NotEmpty();
}
