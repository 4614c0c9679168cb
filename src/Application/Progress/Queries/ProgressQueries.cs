using FluentValidation;
using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Policies;
using MentorCloud.Application.Reports;
using MentorCloud.Application.Semesters;
using MentorCloud.Domain.Teachers;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Progress.Queries;

/// <summary>A student's progress in a semester (the one in force when none is named): the student, their mentors, head teacher and school admins.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record GetStudentProgressQuery(Guid StudentId, Guid? SemesterId = null) : IQuery<StudentProgressDto>, ISchoolRequest;

public sealed class GetStudentProgressHandler(IApplicationDbContext db, MonthlyReportAccess access, PolicyReader policies, TimeProvider clock)
    : IQueryHandler<GetStudentProgressQuery, StudentProgressDto>
{
    public async ValueTask<StudentProgressDto> Handle(GetStudentProgressQuery query, CancellationToken cancellationToken)
    {
        await access.DemandReaderAsync(query.StudentId, cancellationToken);
        var today = clock.Today();
        var semester = await db.Semesters.ChosenOrInForceAsync(query.SemesterId, today, cancellationToken);
        var policy = await policies.EffectiveSettingsAsync(semester, cancellationToken);
        var row = (await db.ProgressRowsAsync(db.Students.Where(s => s.Id == query.StudentId), semester.Id,
            GuidanceProgress.LastMonthDue(semester, today, policy.MonthlyReportReminderDay), cancellationToken)).Single();
        return GuidanceProgress.Of(row, semester.Id, GuidanceProgress.ReportsDue(semester, today, policy), policy);
    }
}

public sealed class GetStudentProgressValidator : AbstractValidator<GetStudentProgressQuery>
{
    public GetStudentProgressValidator()
    {
        RuleFor(q => q.StudentId).NotEmpty();
        RuleFor(q => q.SemesterId).NotEqual(Guid.Empty);
    }
}

/// <summary>One mentee of a mentor and their progress.</summary>
public sealed record MenteeProgressDto(Guid StudentId, string Name, string StudentNo, Guid ClassId, StudentProgressDto Progress);

/// <summary>A mentor's dashboard: every mentee's progress in the semester, those with gaps first.</summary>
public sealed record MentorProgressDto(Guid TeacherId, Guid SemesterId, int Mentees, int Complete, IReadOnlyList<MenteeProgressDto> Items);

/// <summary>
/// A mentor's mentees in a semester (current pairs of published groups) with their progress: the mentor themself and
/// school admins see all of them, a head teacher those in the classes they head. The same few queries whatever the number
/// of mentees: the semester, the policy (and the district's ceilings), and three for every mentee's counts.
/// </summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetMentorProgressQuery(Guid TeacherId, Guid? SemesterId = null) : IQuery<MentorProgressDto>, ISchoolRequest;

public sealed class GetMentorProgressHandler(IApplicationDbContext db, AccessPolicy access, ICurrentUser user, PolicyReader policies, TimeProvider clock)
    : IQueryHandler<GetMentorProgressQuery, MentorProgressDto>
{
    public async ValueTask<MentorProgressDto> Handle(GetMentorProgressQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        // A head teacher follows the mentors of the classes they head, for those classes' students only; the mentor
        // themself and school admins see every mentee.
        IQueryable<Guid>? headedClasses = null;
        var asHeadTeacher = !access.IsSchoolAdmin && user.TeacherId != query.TeacherId;
        if (asHeadTeacher)
        {
            if (user.TeacherId is not { } headTeacherId) throw new NotFoundException(nameof(Teacher), query.TeacherId);
            headedClasses = db.Classes.Where(c => c.HeadTeacherId == headTeacherId).Select(c => c.Id);
        }
        else if (user.TeacherId != query.TeacherId && !await db.Teachers.AnyAsync(t => t.Id == query.TeacherId, cancellationToken))
            throw new NotFoundException(nameof(Teacher), query.TeacherId);

        var semester = await db.Semesters.ChosenOrInForceAsync(query.SemesterId, today, cancellationToken);
        var policy = await policies.EffectiveSettingsAsync(semester, cancellationToken);
        var lastMonthDue = GuidanceProgress.LastMonthDue(semester, today, policy.MonthlyReportReminderDay);
        var rows = headedClasses is null
            ? await db.MenteeProgressRowsAsync(query.TeacherId, semester.Id, lastMonthDue, cancellationToken)
            : await db.ProgressRowsAsync(db.MenteesOf(query.TeacherId, semester.Id).Where(s => headedClasses.Contains(s.ClassId)), semester.Id, lastMonthDue,
                cancellationToken);

        // Nobody of a class they head is this mentor's mentee: the mentor is out of their reach.
        if (asHeadTeacher && rows.Count == 0) throw new NotFoundException(nameof(Teacher), query.TeacherId);

        var due = GuidanceProgress.ReportsDue(semester, today, policy);
        var items = rows.Select(r => new MenteeProgressDto(r.StudentId, r.Name, r.StudentNo, r.ClassId, GuidanceProgress.Of(r, semester.Id, due, policy)))
            .OrderBy(m => m.Progress.Complete).ThenByDescending(m => m.Progress.Gaps.Count).ThenBy(m => m.StudentNo).ToList();
        return new MentorProgressDto(query.TeacherId, semester.Id, items.Count, items.Count(m => m.Progress.Complete), items);
    }
}

public sealed class GetMentorProgressValidator : AbstractValidator<GetMentorProgressQuery>
{
    public GetMentorProgressValidator()
    {
        RuleFor(q => q.TeacherId).NotEmpty();
        RuleFor(q => q.SemesterId).NotEqual(Guid.Empty);
    }
}
