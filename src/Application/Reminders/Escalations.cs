using System.Text.Json;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.MentorGroups;
using MentorCloud.Application.Progress;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Semesters;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Reminders;

/// <summary>A mentor's deadline reminder as stored: the school day it was stored on, its milestone, the mentor and the students it named.</summary>
public sealed record SentReminder(DateOnly Day, string Milestone, Guid MentorId, IReadOnlyList<Guid> StudentIds);

/// <summary>A gap still open: a student named in a stored reminder, still a current mentee of that mentor, three ones still incomplete.</summary>
public sealed record OpenGap(Guid MentorId, ProgressRow Row, StudentProgressDto Progress);

/// <summary>
/// Escalation of the gaps a mentor's reminder named (R12). It rests on the reminders actually stored, never on the
/// policy's milestone dates, so an escalation never precedes a reminder: <see cref="DaysAfterReminder"/> days after the
/// school day a mentor's deadline reminder was stored, the mentees it named who are still that mentor's current mentees and
/// whose three ones are still incomplete go to the head teacher of each student's class (milestone
/// <c>escalation:{reminder's milestone}</c>); <see cref="DaysBeforeEndToSchoolAdmins"/> days before the semester ends the
/// same for every reminder stored before that day goes to the school admins (milestone <see cref="SemesterEnd"/>).
/// Gaps are counted when the escalation is worked out, so a gap closed in between is not escalated.
/// </summary>
public static class Escalations
{
    public const int DaysAfterReminder = 7;
    public const int DaysBeforeEndToSchoolAdmins = 3;
    public const string Prefix = "escalation:";
    public const string SemesterEnd = Prefix + "semesterEnd";

    /// <summary>The milestone of the head teachers' escalation of a reminder milestone: <c>escalation:daysBeforeEnd:14</c>.</summary>
    public static string ToHeadTeachers(string reminderMilestone) => Prefix + reminderMilestone;

    /// <summary>The day the school admins hear of the semester's open gaps.</summary>
    public static DateOnly SchoolAdminsDay(Semester semester) => semester.EndsOn.AddDays(-DaysBeforeEndToSchoolAdmins);

    /// <summary>
    /// Whether a reminder stored on <paramref name="reminderDay"/> has been escalated by the end of <paramref name="today"/>:
    /// to the head teachers (7 days later, while the semester is still in force) or to the school admins (3 days before the end).
    /// </summary>
    public static bool EscalatedBy(DateOnly reminderDay, Semester semester, DateOnly today)
    {
        var toHeadTeachers = reminderDay.AddDays(DaysAfterReminder);
        var toAdmins = SchoolAdminsDay(semester);
        return (toHeadTeachers <= today && toHeadTeachers <= semester.EndsOn) || (reminderDay < toAdmins && toAdmins <= today);
    }

    /// <summary>The mentors' deadline reminders stored for the semester: one query, a row per mentor and milestone.</summary>
    public static async Task<List<SentReminder>> SentRemindersAsync(this IApplicationDbContext db, Guid semesterId, CancellationToken cancellationToken)
    {
        var prefix = $"reminder:{semesterId:N}:daysBeforeEnd:";
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.Kind == ReminderKinds.SemesterDeadline && n.UniqueKey.StartsWith(prefix))
            .Select(n => new { n.CreatedAt, n.Payload }).ToListAsync(cancellationToken);
        var sent = new List<SentReminder>();
        foreach (var row in rows)
        {
            if (row.Payload is null) continue;
            using var payload = JsonDocument.Parse(row.Payload);
            var root = payload.RootElement;
            if (!root.TryGetProperty("mentorId", out var mentor) || !root.TryGetProperty("milestone", out var milestone) || !root.TryGetProperty("studentIds", out var students))
                continue;
            sent.Add(new SentReminder(SchoolCalendar.DayOf(row.CreatedAt), milestone.GetString()!, mentor.GetGuid(), [.. students.EnumerateArray().Select(s => s.GetGuid())]));
        }
        return sent;
    }

    /// <summary>
    /// Of the (mentor, student) pairs the reminders named, those still a current published pair of the semester whose
    /// student's three ones are still incomplete; set-based: one query for the pairs and the three progress statements.
    /// </summary>
    public static async Task<List<OpenGap>> OpenGapsAsync(this IApplicationDbContext db, Semester semester, IEnumerable<SentReminder> reminders, PolicySettings policy,
        DateOnly asOf, CancellationToken cancellationToken)
    {
        var named = reminders.SelectMany(r => r.StudentIds.Select(s => (Mentor: r.MentorId, Student: s))).ToHashSet();
        if (named.Count == 0) return [];
        var mentorIds = named.Select(p => p.Mentor).Distinct().ToList();
        var studentIds = named.Select(p => p.Student).Distinct().ToList();
        var current = (await db.PublishedPairsOf(semester.Id).Where(a => mentorIds.Contains(a.MentorId) && studentIds.Contains(a.StudentId))
                .Select(a => new { a.MentorId, a.StudentId }).Distinct().ToListAsync(cancellationToken))
            .Where(p => named.Contains((p.MentorId, p.StudentId))).ToList();
        if (current.Count == 0) return [];
        var stillPaired = current.Select(p => p.StudentId).Distinct().ToList();
        var reportsDue = GuidanceProgress.ReportsDue(semester, asOf, policy);
        var open = (await db.ProgressRowsAsync(db.Students.Where(s => stillPaired.Contains(s.Id)), semester.Id,
                GuidanceProgress.LastMonthDue(semester, asOf, policy.MonthlyReportReminderDay), cancellationToken))
            .Select(r => (Row: r, Progress: GuidanceProgress.Of(r, semester.Id, reportsDue, policy)))
            .Where(p => !p.Progress.ThreeOnesComplete)
            .ToDictionary(p => p.Row.StudentId);
        return [.. current.Where(p => open.ContainsKey(p.StudentId)).Select(p => new OpenGap(p.MentorId, open[p.StudentId].Row, open[p.StudentId].Progress))];
    }

    /// <summary>
    /// The school's overdue duties in a semester on <paramref name="today"/>: for every student named in a mentor's deadline
    /// reminder that has been escalated by then (<see cref="EscalatedBy"/>), who is still that mentor's current mentee, the
    /// talks, parent contacts and evaluation feedbacks still missing under the school's policy, each missing one counted
    /// once per student (a student with two reminded mentors counts once). Monthly reports are not duties of the mentor and
    /// do not count. <paramref name="policy"/> is the school's effective policy (<c>PolicyReader.EffectiveSettingsAsync</c>),
    /// as reminders and figures count with it. Set-based: the stored reminders, the pairs and the three progress statements.
    /// </summary>
    public static async Task<int> OverdueDutiesAsync(this IApplicationDbContext db, Semester semester, PolicySettings policy, DateOnly today,
        CancellationToken cancellationToken)
    {
        var escalated = (await db.SentRemindersAsync(semester.Id, cancellationToken)).Where(r => EscalatedBy(r.Day, semester, today)).ToList();
        var open = await db.OpenGapsAsync(semester, escalated, policy, today, cancellationToken);
        return open.DistinctBy(g => g.Row.StudentId).Sum(g => Missing(g.Row, policy));
    }

    /// <summary>The talks, parent contacts and evaluation feedbacks a student still lacks.</summary>
    public static int Missing(ProgressRow row, PolicySettings policy) =>
        Math.Max(0, policy.MinTalks - row.Talks) + Math.Max(0, policy.MinParentContacts - row.ParentContacts) + Math.Max(0, policy.MinEvaluations - row.Evaluations);
}

public sealed partial class ReminderPlanner
{
    /// <summary>The escalations due on <paramref name="asOf"/>: to head teachers 7 days after a stored reminder, to school admins 3 days before the end.</summary>
    private async Task<List<ReminderDto>> EscalationsAsync(Semester semester, DateOnly asOf, PolicySettings policy, CancellationToken cancellationToken)
    {
        var sent = await db.SentRemindersAsync(semester.Id, cancellationToken);
        var toHeads = sent.Where(r => r.Day.AddDays(Escalations.DaysAfterReminder) == asOf).ToList();
        var toAdmins = Escalations.SchoolAdminsDay(semester) == asOf ? sent.Where(r => r.Day < asOf).ToList() : [];
        if (toHeads.Count == 0 && toAdmins.Count == 0) return [];

        var open = await db.OpenGapsAsync(semester, toHeads.Concat(toAdmins), policy, asOf, cancellationToken);
        if (open.Count == 0) return [];
        var classIds = open.Select(g => g.Row.ClassId).Distinct().ToList();
        var classes = await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.HeadTeacherId }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var teacherIds = open.Select(g => g.MentorId).Concat(classes.Values.Select(c => c.HeadTeacherId)).Distinct().ToList();
        var names = await db.Teachers.AsNoTracking().Where(t => teacherIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);

        List<ReminderStudentDto> Students(IEnumerable<OpenGap> gaps) =>
        [
            .. gaps.GroupBy(g => g.Row.StudentId)
                .Select(g => (Gap: g.First(), Mentors: g.Select(x => x.MentorId).Distinct().Select(m => new ReminderMentorDto(m, names.GetValueOrDefault(m, "")))
                    .OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.TeacherId).ToList()))
                .OrderBy(s => classes[s.Gap.Row.ClassId].Name, StringComparer.Ordinal).ThenBy(s => s.Gap.Row.StudentNo, StringComparer.Ordinal)
                .Select(s => new ReminderStudentDto(s.Gap.Row.StudentId, s.Gap.Row.Name, s.Gap.Progress.Gaps, s.Gap.Row.ClassId, classes[s.Gap.Row.ClassId].Name, s.Mentors)),
        ];

        var items = new List<ReminderDto>();
        var heads = classes.Values.Select(c => c.HeadTeacherId).Distinct().ToList();
        var headAccounts = toHeads.Count == 0 ? new Dictionary<Guid, Guid>() : await accounts.TeacherAccountsAsync(heads, cancellationToken);
        foreach (var milestone in toHeads.GroupBy(r => r.Milestone))
        {
            var named = milestone.SelectMany(r => r.StudentIds.Select(s => (r.MentorId, s))).ToHashSet();
            var gaps = open.Where(g => named.Contains((g.MentorId, g.Row.StudentId))).ToList();
            foreach (var head in gaps.GroupBy(g => classes[g.Row.ClassId].HeadTeacherId).Where(h => headAccounts.ContainsKey(h.Key)))
                items.Add(new ReminderDto(headAccounts[head.Key], names.GetValueOrDefault(head.Key, ""), ReminderRoles.HeadTeacher,
                    Escalations.ToHeadTeachers(milestone.Key), Students(head), head.Key));
        }

        if (toAdmins.Count > 0)
        {
            var named = toAdmins.SelectMany(r => r.StudentIds.Select(s => (r.MentorId, s))).ToHashSet();
            var gaps = open.Where(g => named.Contains((g.MentorId, g.Row.StudentId))).ToList();
            if (gaps.Count > 0)
                foreach (var admin in await accounts.SchoolAdminsAsync(cancellationToken))
                    items.Add(new ReminderDto(admin.UserId, admin.Name, ReminderRoles.SchoolAdmin, Escalations.SemesterEnd, Students(gaps)));
        }
        return items;
    }
}
