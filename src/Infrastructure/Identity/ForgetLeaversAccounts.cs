using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Infrastructure.Identity;

/// <summary>
/// A leaver's login closes in the transaction that deactivates them (<c>CloseLeaversLogins</c>); this process stops
/// trusting its kept answer at once instead of at the end of the interval. Other replicas follow within the interval.
/// </summary>
public sealed class ForgetLeaversAccounts(CatalogDbContext catalog, ActiveAccounts accounts)
    : IDomainEventHandler<StudentDeactivated>, IDomainEventHandler<TeacherDeactivated>
{
    public async ValueTask Handle(StudentDeactivated domainEvent, CancellationToken cancellationToken) =>
        Forget(await catalog.Users.Where(u => u.StudentId == domainEvent.StudentId).Select(u => u.Id).ToListAsync(cancellationToken));

    public async ValueTask Handle(TeacherDeactivated domainEvent, CancellationToken cancellationToken) =>
        Forget(await catalog.Users.Where(u => u.TeacherId == domainEvent.TeacherId).Select(u => u.Id).ToListAsync(cancellationToken));

    private void Forget(List<Guid> userIds) => userIds.ForEach(accounts.Forget);
}
