using Mediator;
using MentorCloud.Application.Progress;
using MentorCloud.Application.Progress.Queries;
using MentorCloud.Application.Reminders;

namespace MentorCloud.WebApi.Endpoints;

/// <summary>The "three ones" and monthly reports counted per student, per mentor and for the whole school (R9, R13).</summary>
public static class ProgressEndpoints
{
    public static RouteGroupBuilder MapProgressEndpoints(this RouteGroupBuilder school)
    {
        school.MapGet("/students/{id:guid}/progress", (Guid id, ISender sender, CancellationToken ct, Guid? semesterId = null) =>
                sender.Send(new GetStudentProgressQuery(id, semesterId), ct))
            .WithTags("Progress")
            .WithSummary("A student's talks, parent contacts, evaluation feedbacks and monthly reports in a semester (in force when none is named), " +
                         "against the school's policy, with the gaps in words (the student, mentors, head teacher, school admin)")
            .Produces<StudentProgressDto>();
        school.MapGet("/mentors/{teacherId:guid}/progress", (Guid teacherId, ISender sender, CancellationToken ct, Guid? semesterId = null) =>
                sender.Send(new GetMentorProgressQuery(teacherId, semesterId), ct))
            .WithTags("Progress")
            .WithSummary("A mentor's mentees and their progress, those with gaps first (that mentor, school admin; a head teacher sees the mentees of their classes)")
            .Produces<MentorProgressDto>();
        school.MapGet("/statistics", (ISender sender, CancellationToken ct, Guid? semesterId = null) =>
                sender.Send(new GetSchoolStatisticsQuery(semesterId), ct))
            .WithTags("Progress")
            .WithSummary("The school's live figures for a semester (school admin): coverage, mentor load, three-ones completion, " +
                         "parent-contact modes, monthly-report rate, priority care and evaluations (R13); counts only, no personal data")
            .Produces<SchoolStatisticsDto>();
        school.MapGet("/reminders/preview", (ISender sender, CancellationToken ct, DateOnly? asOf = null) =>
                sender.Send(new GetReminderPreviewQuery(asOf), ct))
            .WithTags("Progress")
            .WithSummary("The reminders and escalations the daily reminder job sends on a day, asOf=yyyy-MM-dd, today when absent (school admin, R12): recipient " +
                         "(role mentor, student, headTeacher or schoolAdmin), milestone (daysBeforeEnd:N, monthlyReport:yyyy-MM, " +
                         "escalation:daysBeforeEnd:N or escalation:semesterEnd) and each student's gaps")
            .Produces<ReminderPlanDto>();
        return school;
    }
}
