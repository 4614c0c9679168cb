using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.MentorGroups;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Policies;
using MentorCloud.Application.Progress;
using MentorCloud.Application.Semesters;
using MentorCloud.Domain.MentorGroups;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Reminders;

/// <summary>
/// One student a reminder is about, with what is missing in words. An escalation also names the student's class and the
/// mentors who were reminded of the student (null in a mentor's or student's own reminder).
/// </summary>
public sealed record ReminderStudentDto(Guid StudentId, string Name, IReadOnlyList<string> Gaps, Guid? ClassId = null, string? ClassName = null,
    IReadOnlyList<ReminderMentorDto>? Mentors = null);

/// <summary>A mentor named in an escalation: the teacher and their name.</summary>
public sealed record ReminderMentorDto(Guid TeacherId, string Name);

/// <summary>
/// One reminder of a day (R12): its recipient (the user account, with the person's name and the role it is sent in:
/// <c>mentor</c>, <c>student</c>, or for an escalation <c>headTeacher</c> / <c>schoolAdmin</c>), the milestone
/// (<c>daysBeforeEnd:14</c>, <c>monthlyReport:2026-11</c>, <c>escalation:daysBeforeEnd:14</c>, <c>escalation:semesterEnd</c>)
/// and the students with their gaps. <c>TeacherId</c> is the recipient's teacher record when the recipient is a teacher.
/// </summary>
public sealed record ReminderDto(Guid RecipientId, string Name, string Role, string Milestone, IReadOnlyList<ReminderStudentDto> Students, Guid? TeacherId = null);

/// <summary>The reminders due on a day in the semester in force then (none when no semester is).</summary>
public sealed record ReminderPlanDto(DateOnly AsOf, Guid? SemesterId, IReadOnlyList<ReminderDto> Items);

public static class ReminderRoles
{
    public const string Mentor = "mentor";
    public const string Student = "student";
    public const string HeadTeacher = "headTeacher";
    public const string SchoolAdmin = "schoolAdmin";
}

/// <summary>The notification kinds reminders are stored with.</summary>
public static class ReminderKinds
{
    public const string SemesterDeadline = "reminder.semesterDeadline";
    public const string MonthlyReport = "reminder.monthlyReport";
    public const string Escalation = "reminder.escalation";

    public static string Of(string role) => role switch
    {
        ReminderRoles.Mentor => SemesterDeadline,
        ReminderRoles.Student => MonthlyReport,
        _ => Escalation,
    };
}

/// <summary>A school admin's active account and display name.</summary>
public sealed record AccountName(Guid UserId, string Name);

/// <summary>User accounts of the school's teachers and students: the people reminders go to.</summary>
public interface IAccountDirectory
{
    /// <summary>The active account of each of <paramref name="teacherIds"/> in the current school that has one, by teacher id.</summary>
    Task<IReadOnlyDictionary<Guid, Guid>> TeacherAccountsAsync(IReadOnlyCollection<Guid> teacherIds, CancellationToken cancellationToken);

    /// <summary>The active account of each of <paramref name="studentIds"/> in the current school that has one, by student id.</summary>
    Task<IReadOnlyDictionary<Guid, Guid>> StudentAccountsAsync(IReadOnlyCollection<Guid> studentIds, CancellationToken cancellationToken);

    /// <summary>The active accounts of the current school with the school-admin role.</summary>
    Task<IReadOnlyList<AccountName>> SchoolAdminsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Works out the reminders due on a day (R12), for the reminder job to store and the preview to show. On each of the
/// policy's <c>reminderDaysBeforeEnd</c> the mentors with a current mentee (published pairs of the semester in force)
/// whose three ones are incomplete get one reminder listing those mentees' gaps; on <c>monthlyReportReminderDay</c>, when
/// monthly reports are required, each active student without the month's report gets one. Set-based: the progress
/// counts take the few statements of <see cref="GuidanceProgress"/> whatever the number of students, and the accounts
/// one query per role. Mentors and students without an active user account get none. The same plan carries the day's
/// escalations (<see cref="Escalations"/>), which rest on the reminders already stored.
/// </summary>
public sealed partial class ReminderPlanner(IApplicationDbContext db, PolicyReader policies, IAccountDirectory accounts)
{
    public static string DaysBeforeEnd(int days) => $"daysBeforeEnd:{days}";

    public static string MonthlyReport(DateOnly month) => $"monthlyReport:{month:yyyy-MM}";

    /// <summary>The notification's unique key: (school, semester, milestone, recipient), the school being the row's tenant.</summary>
    public static string UniqueKey(Guid semesterId, string milestone, Guid recipientId) => $"reminder:{semesterId:N}:{milestone}:{recipientId:N}";

    public async Task<ReminderPlanDto> PlanAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var semester = await db.Semesters.AsNoTracking().InForceOn(asOf).SingleOrDefaultAsync(cancellationToken);
        if (semester is null) return new ReminderPlanDto(asOf, null, []);
        var policy = await policies.EffectiveSettingsAsync(cancellationToken);
        var lastMonthDue = GuidanceProgress.LastMonthDue(semester, asOf, policy.MonthlyReportReminderDay);
        var reportsDue = GuidanceProgress.ReportsDue(semester, asOf, policy);
        var items = new List<ReminderDto>();

        var daysLeft = semester.EndsOn.DayNumber - asOf.DayNumber;
        if (policy.ReminderDaysBeforeEnd.Contains(daysLeft))
        {
            var current = db.PublishedPairsOf(semester.Id).Select(a => new { a.MentorId, a.StudentId });
            var pairs = await current.Distinct().ToListAsync(cancellationToken);
            var menteeIds = current.Select(p => p.StudentId);
            var progress = (await db.ProgressRowsAsync(db.Students.Where(s => menteeIds.Contains(s.Id)), semester.Id, lastMonthDue, cancellationToken))
                .Select(r => (Row: r, Progress: GuidanceProgress.Of(r, semester.Id, reportsDue, policy)))
                .Where(p => !p.Progress.ThreeOnesComplete)
                .ToDictionary(p => p.Row.StudentId);
            var mentorIds = pairs.Where(p => progress.ContainsKey(p.StudentId)).Select(p => p.MentorId).Distinct().ToList();
            var mentorAccounts = await accounts.TeacherAccountsAsync(mentorIds, cancellationToken);
            var mentorNames = await db.Teachers.AsNoTracking().Where(t => mentorIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            var milestone = DaysBeforeEnd(daysLeft);
            foreach (var mentor in pairs.Where(p => progress.ContainsKey(p.StudentId) && mentorAccounts.ContainsKey(p.MentorId)).GroupBy(p => p.MentorId))
            {
                var students = mentor.Select(p => progress[p.StudentId]).OrderBy(p => p.Row.StudentNo)
                    .Select(p => new ReminderStudentDto(p.Row.StudentId, p.Row.Name, p.Progress.Gaps)).ToList();
                items.Add(new ReminderDto(mentorAccounts[mentor.Key], mentorNames.GetValueOrDefault(mentor.Key, ""), ReminderRoles.Mentor, milestone, students, mentor.Key));
            }
        }

        if (policy.MonthlyReportRequired && asOf.Day == policy.MonthlyReportReminderDay)
        {
            var month = Domain.Reports.MonthlyReport.MonthOf(asOf);
            var missing = db.Students.Where(s => s.IsActive
                && !db.MonthlyReports.Any(r => r.StudentId == s.Id && r.SemesterId == semester.Id && r.Month == month));
            var rows = await db.ProgressRowsAsync(missing, semester.Id, lastMonthDue, cancellationToken);
            var studentAccounts = await accounts.StudentAccountsAsync([.. rows.Select(r => r.StudentId)], cancellationToken);
            var milestone = MonthlyReport(month);
            foreach (var row in rows.Where(r => studentAccounts.ContainsKey(r.StudentId)))
            {
                var reports = GuidanceProgress.Of(row, semester.Id, reportsDue, policy).MonthlyReports;
                var gap = Messages.MonthlyReportsMissing(Math.Max(1, reports.Required - reports.Submitted));
                items.Add(new ReminderDto(studentAccounts[row.StudentId], row.Name, ReminderRoles.Student, milestone,
                    [new ReminderStudentDto(row.StudentId, row.Name, [gap])]));
            }
        }

        items.AddRange(await EscalationsAsync(semester, asOf, policy, cancellationToken));

        return new ReminderPlanDto(asOf, semester.Id, [.. items.OrderBy(i => i.Milestone, StringComparer.Ordinal).ThenBy(i => i.Role, StringComparer.Ordinal)
            .ThenBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.RecipientId)]);
    }
}

/// <summary>
/// The reminders that would go out on <paramref name="AsOf"/>, the school's today when absent (school admin): what the
/// daily reminder job stores that day.
/// </summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record GetReminderPreviewQuery(DateOnly? AsOf) : IQuery<ReminderPlanDto>, ISchoolRequest;

public sealed class GetReminderPreviewHandler(ReminderPlanner planner, TimeProvider clock) : IQueryHandler<GetReminderPreviewQuery, ReminderPlanDto>
{
    public async ValueTask<ReminderPlanDto> Handle(GetReminderPreviewQuery query, CancellationToken cancellationToken) =>
        await planner.PlanAsync(query.AsOf ?? clock.Today(), cancellationToken);
}
