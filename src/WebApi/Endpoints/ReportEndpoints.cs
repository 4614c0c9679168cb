using Mediator;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Evaluations;
using MentorCloud.Application.Evaluations.Commands;
using MentorCloud.Application.Evaluations.Queries;
using MentorCloud.Application.Reports;
using MentorCloud.Application.Reports.Commands;
using MentorCloud.Application.Reports.Queries;
using MentorCloud.WebApi.Infrastructure;

namespace MentorCloud.WebApi.Endpoints;

/// <summary>Students' monthly reports with their mentors' comments (R9) and students' evaluations of their mentors (R11).</summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder school)
    {
        var reports = school.MapGroup("/students/{id:guid}/monthly-reports").WithTags("Monthly reports");
        reports.MapPost("/", async (Guid id, MonthlyReportDraft body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var report = await sender.Send(new SubmitMonthlyReportCommand(id, body.Month, body.Content), ct);
                return TypedResults.Created(http.SchoolLocation($"students/{id}/monthly-reports/{report.Id}"), report);
            })
            .WithSummary("Hand in the student's report for a month, yyyy-MM (the student): one per month, for a begun month of a semester (R9); 409 for a second")
            .AcceptsIdempotencyKey()
            .WithRequestExample(new MonthlyReportDraft("2026-09", "这个月适应了七年级的学习节奏,数学单元测验进步了,想在英语口语上多下功夫。"));
        reports.MapGet("/", (Guid id, ISender sender, CancellationToken ct, Guid? semesterId = null, int page = 1, int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetMonthlyReportsQuery(id, semesterId, page, pageSize), ct))
            .WithSummary("The student's monthly reports, newest month first (the student, current mentors, head teacher, school admin)")
            .Produces<PagedList<MonthlyReportSummaryDto>>();
        reports.MapGet("/{reportId:guid}", (Guid id, Guid reportId, ISender sender, CancellationToken ct) =>
                sender.Send(new GetMonthlyReportQuery(id, reportId), ct))
            .WithSummary("One monthly report with its mentors' comments")
            .Produces<MonthlyReportDto>();
        reports.MapPost("/{reportId:guid}/comments", async (Guid id, Guid reportId, MonthlyReportCommentDraft body, ISender sender, HttpContext http,
                CancellationToken ct) =>
            {
                var comment = await sender.Send(new CommentOnMonthlyReportCommand(id, reportId, body.Text), ct);
                return TypedResults.Created(http.SchoolLocation($"students/{id}/monthly-reports/{reportId}"), comment);
            })
            .WithSummary("Comment on a monthly report (the student's current mentors, R16)");

        var evaluations = school.MapGroup("/mentor-evaluations").WithTags("Mentor evaluations");
        evaluations.MapPost("/", async (SubmitMentorEvaluationCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var evaluation = await sender.Send(command, ct);
                return TypedResults.Created(http.SchoolLocation($"mentor-evaluations/{evaluation.Id}"), evaluation);
            })
            .WithSummary("Evaluate one of the student's mentors for a semester (the student): scores 1–5, once per pair and semester (R11); 409 for a second")
            .AcceptsIdempotencyKey()
            .WithRequestExample(new SubmitMentorEvaluationCommand(ApiExamples.MentorId, ApiExamples.SemesterId, new EvaluationScoresDto(5, 4, 5),
                "王老师每周都找我聊学习计划,讲题很耐心。"));
        evaluations.MapGet("/", (ISender sender, CancellationToken ct, Guid? mentorId = null, Guid? semesterId = null, int page = 1,
                    int pageSize = IPaged.DefaultPageSize) =>
                sender.Send(new GetMentorEvaluationsQuery(mentorId, semesterId, page, pageSize), ct))
            .WithSummary("Evaluations with their authors, newest first: the school's for school admins, a student's own; never a mentor's (R11)")
            .Produces<PagedList<MentorEvaluationDto>>();
        evaluations.MapGet("/{evaluationId:guid}", (Guid evaluationId, ISender sender, CancellationToken ct) =>
                sender.Send(new GetMentorEvaluationQuery(evaluationId), ct))
            .WithSummary("One evaluation (school admin, the student who wrote it)")
            .Produces<MentorEvaluationDto>();

        school.MapGet("/mentors/{teacherId:guid}/evaluation-summary", (Guid teacherId, ISender sender, CancellationToken ct, Guid? semesterId = null) =>
                sender.Send(new GetEvaluationSummaryQuery(teacherId, semesterId), ct))
            .WithTags("Mentor evaluations")
            .WithSummary("A mentor's evaluations in aggregate, of a semester or all (that mentor, school admin); the mentor sees averages from 3 evaluations on (R11)")
            .Produces<EvaluationSummaryDto>();
        return school;
    }

    public sealed record MonthlyReportDraft(string Month, string Content);

    public sealed record MonthlyReportCommentDraft(string Text);
}
