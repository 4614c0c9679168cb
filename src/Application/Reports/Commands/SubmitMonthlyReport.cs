using FluentValidation;
using Mediator;
using MentorCloud.Application.Common;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Application.Common.Validation;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Reports.Commands;

/// <summary>A student hands in their report for a month (R9): one per month, for a begun month of a semester of the school.</summary>
[RequiresRole(Roles.Student)]
public sealed record SubmitMonthlyReportCommand(Guid StudentId, string Month, string Content) : ICommand<MonthlyReportDto>, ISchoolRequest, IIdempotentRequest;

public sealed class SubmitMonthlyReportHandler(IApplicationDbContext db, MonthlyReportAccess access, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SubmitMonthlyReportCommand, MonthlyReportDto>
{
    public async ValueTask<MonthlyReportDto> Handle(SubmitMonthlyReportCommand command, CancellationToken cancellationToken)
    {
        var student = await access.DemandAuthorAsync(command.StudentId, cancellationToken);
        if (!ReportMonth.TryParse(command.Month, out var month)) throw Common.Exceptions.ValidationException.For("month", Messages.MonthFormat);
        if (await db.MonthlyReports.AnyAsync(r => r.StudentId == student.Id && r.Month == month, cancellationToken))
            throw new ConflictException(Messages.DuplicateMonthlyReport(ReportMonth.Format(month)));

        // Only the semesters touching the month can hold it.
        var first = MonthlyReport.MonthOf(month);
        var last = first.AddMonths(1).AddDays(-1);
        var semesters = await db.Semesters.Where(s => s.StartsOn <= last && s.EndsOn >= first).ToListAsync(cancellationToken);
        var report = MonthlyReport.Submit(student.Id, month, command.Content, semesters, user.UserId, ReportSubmitterRole.Student, clock.Today(), clock.GetUtcNow());
        db.MonthlyReports.Add(report);
        return MonthlyReportDto.From(report, new Dictionary<Guid, string>());
    }
}

public sealed class SubmitMonthlyReportValidator : AbstractValidator<SubmitMonthlyReportCommand>
{
    public SubmitMonthlyReportValidator()
    {
        RuleFor(x => x.Month).NotEmpty().Must(m => ReportMonth.TryParse(m, out _)).WithMessage(Messages.MonthFormat);
        RuleFor(x => x.Content).NotEmpty().MaximumLength(MonthlyReport.MaxContentLength);
    }
}
