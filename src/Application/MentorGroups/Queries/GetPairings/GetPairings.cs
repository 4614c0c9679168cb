using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.MentorGroups.Queries.GetPairings;

/// <summary>A teacher's mentees: a school admin sees every current pair, drafts included; the teacher only the pairs in force (R16).</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetMenteesQuery(Guid TeacherId, Guid? SemesterId = null) : IQuery<IReadOnlyList<PairingDto>>, ISchoolRequest;

/// <summary>
/// A student's mentors: school admins and the head teacher see every current pair, drafts included; the student's
/// mentors in force see the pairs in force (R16); the student sees the published pairs (R6).
/// </summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record GetStudentMentorsQuery(Guid StudentId, Guid? SemesterId = null) : IQuery<IReadOnlyList<PairingDto>>, ISchoolRequest;

public sealed class GetPairingsHandler(IApplicationDbContext db, ICurrentUser user, AccessPolicy access)
    : IQueryHandler<GetMenteesQuery, IReadOnlyList<PairingDto>>, IQueryHandler<GetStudentMentorsQuery, IReadOnlyList<PairingDto>>
{
    public async ValueTask<IReadOnlyList<PairingDto>> Handle(GetMenteesQuery query, CancellationToken cancellationToken)
    {
        if ((!access.IsSchoolAdmin && user.TeacherId != query.TeacherId) || !await db.Teachers.AnyAsync(t => t.Id == query.TeacherId, cancellationToken))
            throw new NotFoundException(nameof(Teacher), query.TeacherId);
        var pairs = access.IsSchoolAdmin ? CurrentPairs() : access.PairsInForce();
        return await PairingsAsync(pairs.Where(a => a.MentorId == query.TeacherId), query.SemesterId, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<PairingDto>> Handle(GetStudentMentorsQuery query, CancellationToken cancellationToken)
    {
        var classId = await db.Students.Where(s => s.Id == query.StudentId).Select(s => (Guid?)s.ClassId).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException(nameof(Student), query.StudentId);
        IQueryable<MentorAssignment> pairs;
        if (access.IsSchoolAdmin || await access.IsHeadTeacherOfAsync(classId, cancellationToken))
            pairs = CurrentPairs();
        else if (user.StudentId == query.StudentId)
            pairs = CurrentPairs().Where(a => db.MentorGroups.Any(g => g.Id == a.GroupId && g.Phase == MentorGroupPhase.Published));
        else if (user.TeacherId is { } teacherId && await access.MenteeIdsOf(teacherId).ContainsAsync(query.StudentId, cancellationToken))
            pairs = access.PairsInForce();
        else
            throw new NotFoundException(nameof(Student), query.StudentId);
        return await PairingsAsync(pairs.Where(a => a.StudentId == query.StudentId), query.SemesterId, cancellationToken);
    }

    private IQueryable<MentorAssignment> CurrentPairs() => db.MentorAssignments.Where(a => a.EndedAt == null);

    private async Task<IReadOnlyList<PairingDto>> PairingsAsync(IQueryable<MentorAssignment> assignments, Guid? semesterId, CancellationToken cancellationToken)
    {
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
