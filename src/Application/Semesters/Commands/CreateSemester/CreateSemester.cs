using Mediator;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Localization;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.Semesters;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Semesters.Commands.CreateSemester;

/// <summary>Adds a semester; semesters of a school never overlap.</summary>
[RequiresRole(Roles.SchoolAdmin)]
public sealed record CreateSemesterCommand(string Label, DateOnly StartsOn, DateOnly EndsOn) : ICommand<SemesterDto>, ISchoolRequest;

public sealed class CreateSemesterHandler(IApplicationDbContext db) : ICommandHandler<CreateSemesterCommand, SemesterDto>
{
    public async ValueTask<SemesterDto> Handle(CreateSemesterCommand command, CancellationToken cancellationToken)
    {
        var dates = new DateRange(command.StartsOn, command.EndsOn);
        var overlapping = await db.Semesters.Where(s => s.StartsOn <= dates.End && dates.Start <= s.EndsOn).Select(s => s.Label).FirstOrDefaultAsync(cancellationToken);
        if (overlapping is not null) throw new ConflictException(Messages.SemesterOverlaps(overlapping));

        var semester = new Semester(command.Label, dates);
        db.Semesters.Add(semester);
        return semester.ToDto();
    }
}
