using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Reports.Commands;

/// <summary>A current mentor of the student comments on a monthly report (R16).</summary>
[RequiresRole(Roles.Teacher)]
public sealed record CommentOnMonthlyReportCommand(Guid StudentId, Guid ReportId, string Text) : ICommand<MonthlyReportCommentDto>, ISchoolRequest;

public sealed class CommentOnMonthlyReportHandler(IApplicationDbContext db, MonthlyReportAccess access, TimeProvider clock)
    : ICommandHandler<CommentOnMonthlyReportCommand, MonthlyReportCommentDto>
{
    public async ValueTask<MonthlyReportCommentDto> Handle(CommentOnMonthlyReportCommand command, CancellationToken cancellationToken)
    {
        var teacherId = await access.DemandCommenterAsync(command.StudentId, cancellationToken);
        // Comments are loaded only to add one; the aggregate appends.
        var report = await db.MonthlyReports.SingleOrDefaultAsync(r => r.Id == command.ReportId && r.StudentId == command.StudentId, cancellationToken)
                     ?? throw new NotFoundException(nameof(MonthlyReport), command.ReportId);
        var comment = report.Comment(teacherId, command.Text, clock.GetUtcNow());
        return MonthlyReportCommentDto.From(comment, await access.TeacherNamesAsync([teacherId], cancellationToken));
    }
}

public sealed class CommentOnMonthlyReportValidator : AbstractValidator<CommentOnMonthlyReportCommand>
{
    public CommentOnMonthlyReportValidator() => RuleFor(x => x.Text).NotEmpty().MaximumLength(MonthlyReport.MaxCommentLength);
}
