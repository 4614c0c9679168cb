using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Students;

namespace MentorCloud.Application.Archives.EventHandlers;

/// <summary>Every student has one guidance archive (R7), opened in the transaction that enrols them.</summary>
public sealed class OpenArchive(IApplicationDbContext db, TimeProvider clock) : IDomainEventHandler<StudentEnrolled>
{
    public ValueTask Handle(StudentEnrolled e, CancellationToken cancellationToken)
    {
        db.StudentArchives.Add(new StudentArchive(e.StudentId, clock.GetUtcNow()));
        return ValueTask.CompletedTask;
    }
}
