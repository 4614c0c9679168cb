using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Models;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Reports.Queries;

/// <summary>A student's monthly reports, newest month first: the student, their current mentors, head teacher and school admins.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record GetMonthlyReportsQuery(Guid StudentId, Guid? SemesterId = null, int Page = 1, int PageSize = IPaged.DefaultPageSize)
    : IQuery<PagedList<MonthlyReportSummaryDto>>, IPaged, ISchoolRequest;

public sealed class GetMonthlyReportsHandler(IApplicationDbContext db, MonthlyReportAccess access)
    : IQueryHandler<GetMonthlyReportsQuery, PagedList<MonthlyReportSummaryDto>>
{
    public async ValueTask<PagedList<MonthlyReportSummaryDto>> Handle(GetMonthlyReportsQuery query, CancellationToken cancellationToken)
    {
        await access.DemandReaderAsync(query.StudentId, cancellationToken);
        var reports = db.MonthlyReports.Where(r => r.StudentId == query.StudentId);
        if (query.SemesterId is { } semesterId) reports = reports.Where(r => r.SemesterId == semesterId);
        var page = await PagedList<MonthlyReportRow>.CreateAsync(
            reports.OrderByDescending(r => r.Month)
                .Select(r => new MonthlyReportRow(r.Id, r.StudentId, r.SemesterId, r.Month, r.Content, r.SubmittedAt, r.Comments.Count)),
            query, cancellationToken);
        return new PagedList<MonthlyReportSummaryDto>(
            page.Items.Select(r => new MonthlyReportSummaryDto(r.Id, r.StudentId, r.SemesterId, ReportMonth.Format(r.Month), r.Content, r.SubmittedAt, r.CommentCount)).ToList(),
            page.Page, page.PageSize, page.TotalCount);
    }

    private sealed record MonthlyReportRow(Guid Id, Guid StudentId, Guid SemesterId, DateOnly Month, string Content, DateTimeOffset SubmittedAt, int CommentCount);
}

public sealed class GetMonthlyReportsValidator : AbstractValidator<GetMonthlyReportsQuery>
{
    public GetMonthlyReportsValidator() => this.AddPagingRules();
}

/// <summary>One monthly report with its mentors' comments.</summary>
[RequiresRole(Roles.SchoolAdmin, Roles.Teacher, Roles.Student)]
public sealed record GetMonthlyReportQuery(Guid StudentId, Guid ReportId) : IQuery<MonthlyReportDto>, ISchoolRequest;

public sealed class GetMonthlyReportHandler(IApplicationDbContext db, MonthlyReportAccess access) : IQueryHandler<GetMonthlyReportQuery, MonthlyReportDto>
{
    public async ValueTask<MonthlyReportDto> Handle(GetMonthlyReportQuery query, CancellationToken cancellationToken)
    {
        await access.DemandReaderAsync(query.StudentId, cancellationToken);
        var report = await db.MonthlyReports.AsNoTracking().Include(r => r.Comments)
                         .SingleOrDefaultAsync(r => r.Id == query.ReportId && r.StudentId == query.StudentId, cancellationToken)
                     ?? throw new NotFoundException(nameof(MonthlyReport), query.ReportId);
        return MonthlyReportDto.From(report, await access.TeacherNamesAsync(report.Comments.Select(c => c.AuthorTeacherId), cancellationToken));
    }
}

public sealed class GetMonthlyReportValidator : AbstractValidator<GetMonthlyReportQuery>
{
    public GetMonthlyReportValidator() => RuleFor(x => x.ReportId).NotEmpty();
}
