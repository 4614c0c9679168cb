using System.Globalization;
using MentorCloud.Application.Common.Localization;

namespace MentorCloud.Application.Reminders;

/// <summary>The title and body a reminder is stored with, in the current culture's language (Simplified Chinese by default).</summary>
public static class ReminderTexts
{
    public static string Title(ReminderDto reminder) => reminder.Role switch
    {
        ReminderRoles.Student => Messages.MonthlyReportReminderTitle(
            DateOnly.ParseExact(reminder.Milestone["monthlyReport:".Length..] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ReminderRoles.HeadTeacher => Messages.HeadTeacherEscalationTitle(Escalations.DaysAfterReminder),
        ReminderRoles.SchoolAdmin => Messages.SchoolAdminEscalationTitle(Escalations.DaysBeforeEndToSchoolAdmins),
        _ => Messages.DeadlineReminderTitle(int.Parse(reminder.Milestone["daysBeforeEnd:".Length..], CultureInfo.InvariantCulture)),
    };

    /// <summary>
    /// A line per student with the gaps; a head teacher's escalation adds the class and the mentors; the school admins'
    /// summary has a line per class and mentor with the students' names.
    /// </summary>
    public static string Body(ReminderDto reminder)
    {
        const string separator = "; ";
        return reminder.Role switch
        {
            ReminderRoles.HeadTeacher => string.Join("\n", reminder.Students.Select(s =>
                Messages.EscalatedStudentLine(s.Name, s.ClassName ?? "", string.Join("、", (s.Mentors ?? []).Select(m => m.Name)), string.Join(separator, s.Gaps)))),
            ReminderRoles.SchoolAdmin => string.Join("\n", reminder.Students
                .SelectMany(s => (s.Mentors ?? []).Select(m => (Class: s.ClassName ?? "", Mentor: m, Student: s.Name)))
                .GroupBy(x => (x.Class, x.Mentor.TeacherId, x.Mentor.Name))
                .OrderBy(g => g.Key.Class, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
                .Select(g => Messages.EscalationSummaryLine(g.Key.Class, g.Key.Name, g.Count(), string.Join("、", g.Select(x => x.Student))))),
            _ => string.Join("\n", reminder.Students.Select(s => $"{s.Name}: {string.Join(separator, s.Gaps)}")),
        };
    }
}
