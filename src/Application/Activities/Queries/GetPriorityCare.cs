using FluentValidation;
using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.MentorGroups;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Semesters;
using MentorCloud.Application.Students;
using MentorCloud.Domain.Activities;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Activities.Queries;

public sealed record PriorityCareMentorDto(Guid TeacherId, string Name);

public sealed record OverdueFollowUpDto(Guid ActivityId, Guid FollowUpId, string Action, DateOnly DueOn);

/// <summary>A flagged student (R5) and how recently their mentors attended to them; days count to <c>asOf</c>, null when never.</summary>
public sealed record PriorityCareStudentDto(
    Guid StudentId,
    string Name,
    string StudentNo,
    Guid ClassId,
    IReadOnlyList<AttentionFlags> AttentionFlags,
    IReadOnlyList<PriorityCareMentorDto> Mentors,
    DateOnly? LastTalkOn,
    int? DaysSinceLastTalk,
    DateOnly? LastParentContactOn,
    int? DaysSinceLastParentContact,
    IReadOnlyList<OverdueFollowUpDto> OverdueFollowUps);

/// <summary>The priority-care students of a semester, most neglected first; <c>asOf</c> is today, or the semester's last day once it is over.</summary>
public sealed record PriorityCareDto(Guid SemesterId, DateOnly AsOf, IReadOnlyList<PriorityCareStudentDto> Students);

/// <summary>
/// Priority care (特别关注, R5) for the head teacher's classes or, for school admins, the whole school: each flagged active
/// student with their mentors, days since the last talk and parent contact, and overdue follow-ups. Students never talked to
/// come first, then the longest since a talk. A fixed handful of queries, however many students.
/// </summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher)]
public sealed record GetPriorityCareQuery(Guid? SemesterId = null) : IQuery<PriorityCareDto>, ISchoolRequest;

public sealed class GetPriorityCareHandler(IApplicationDbContext db, AccessPolicy access, TimeProvider clock) : IQueryHandler<GetPriorityCareQuery, PriorityCareDto>
{
    public async ValueTask<PriorityCareDto> Handle(GetPriorityCareQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var students = db.Students.Where(s => s.IsActive && s.AttentionFlags != AttentionFlags.None);
        if (!access.IsSchoolAdmin)
        {
            var headed = await access.HeadedClassIdsAsync(cancellationToken);
            if (headed.Count == 0) throw new ForbiddenAccessException();
            students = students.Where(s => headed.Contains(s.ClassId));
        }

        var semester = await db.Semesters.ChosenOrInForceAsync(query.SemesterId, today, cancellationToken);
        var asOf = today < semester.EndsOn ? today : semester.EndsOn;

        var flagged = await students.OrderBy(s => s.StudentNo)
            .Select(s => new { s.Id, s.Name, s.StudentNo, s.ClassId, s.AttentionFlags }).ToListAsync(cancellationToken);
        var ids = flagged.Select(s => s.Id).ToList();

        var mentors = await (from a in db.PublishedPairsOf(semester.Id)
                             join t in db.Teachers on a.MentorId equals t.Id
                             where ids.Contains(a.StudentId)
                             orderby t.EmployeeNo
                             select new { a.StudentId, t.Id, t.Name }).ToListAsync(cancellationToken);

        var contacts = await (from s in db.ActivityStudents
                              join a in db.GuidanceActivities on s.ActivityId equals a.Id
                              where ids.Contains(s.StudentId) && a.SemesterId == semester.Id
                                    && (a.Kind == ActivityKind.Talk || a.Kind == ActivityKind.ParentContact) && a.OccurredOn <= asOf
                              select new { s.StudentId, a.Kind, a.OccurredOn }).ToListAsync(cancellationToken);
        var lastOf = contacts.GroupBy(c => (c.StudentId, c.Kind)).ToDictionary(g => g.Key, g => g.Max(c => c.OccurredOn));

        var overdue = await (from f in db.ActivityFollowUps
                             join s in db.ActivityStudents on f.ActivityId equals s.ActivityId
                             join a in db.GuidanceActivities on f.ActivityId equals a.Id
                             where ids.Contains(s.StudentId) && a.SemesterId == semester.Id && f.CompletedOn == null && f.DueOn < asOf
                             orderby f.DueOn
                             select new { s.StudentId, f.ActivityId, f.Id, f.Action, f.DueOn }).ToListAsync(cancellationToken);

        DateOnly? Last(Guid studentId, ActivityKind kind) => lastOf.TryGetValue((studentId, kind), out var day) ? day : null;
        int? Days(DateOnly? day) => day is { } d ? asOf.DayNumber - d.DayNumber : null;

        var rows = flagged.Select(s =>
        {
            var talk = Last(s.Id, ActivityKind.Talk);
            var parent = Last(s.Id, ActivityKind.ParentContact);
            return new PriorityCareStudentDto(s.Id, s.Name, s.StudentNo, s.ClassId, s.AttentionFlags.Split(),
                [.. mentors.Where(m => m.StudentId == s.Id).Select(m => new PriorityCareMentorDto(m.Id, m.Name))],
                talk, Days(talk), parent, Days(parent),
                [.. overdue.Where(o => o.StudentId == s.Id).Select(o => new OverdueFollowUpDto(o.ActivityId, o.Id, o.Action, o.DueOn))]);
        });
        // Most neglected first: never talked to, then longest since a talk; then the same for parent contacts; then overdue follow-ups.
        var ordered = rows
            .OrderBy(r => r.LastTalkOn is not null)
            .ThenByDescending(r => r.DaysSinceLastTalk)
            .ThenBy(r => r.LastParentContactOn is not null)
            .ThenByDescending(r => r.DaysSinceLastParentContact)
            .ThenByDescending(r => r.OverdueFollowUps.Count)
            .ThenBy(r => r.StudentNo, StringComparer.Ordinal)
            .ToList();
        return new PriorityCareDto(semester.Id, asOf, ordered);
    }
}

public sealed class GetPriorityCareValidator : AbstractValidator<GetPriorityCareQuery>
{
    public GetPriorityCareValidator() => RuleFor(x => x.SemesterId).NotEqual(Guid.Empty);
}
