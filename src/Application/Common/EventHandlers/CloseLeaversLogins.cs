using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;

namespace MentorCloud.Application.Common.EventHandlers;

/// <summary>A student or teacher who left can no longer sign in; the login closes in the same transaction (R16).</summary>
public sealed class CloseLeaversLogins(IIdentityService identity)
    : IDomainEventHandler<StudentDeactivated>, IDomainEventHandler<TeacherDeactivated>
{
    public async ValueTask Handle(StudentDeactivated domainEvent, CancellationToken cancellationToken) =>
        await identity.DeactivateLinkedAccountAsync(null, domainEvent.StudentId, cancellationToken);

    public async ValueTask Handle(TeacherDeactivated domainEvent, CancellationToken cancellationToken) =>
        await identity.DeactivateLinkedAccountAsync(domainEvent.TeacherId, null, cancellationToken);
}
