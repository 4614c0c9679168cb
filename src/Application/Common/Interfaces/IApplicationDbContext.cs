using MentorCloud.Domain.Activities;
using MentorCloud.Domain.Archives;
using MentorCloud.Domain.Auditing;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Districts;
using MentorCloud.Domain.Evaluations;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Notifications;
using MentorCloud.Domain.Policies;
using MentorCloud.Domain.Reports;
using MentorCloud.Domain.Schools;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Students;
using MentorCloud.Domain.Teachers;
using MentorCloud.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Application.Common.Interfaces;

/// <summary>The current school's data: always filtered to the current tenant, empty when there is none.</summary>
public interface IApplicationDbContext
{
    DbSet<SchoolPolicy> SchoolPolicies { get; }
    DbSet<Semester> Semesters { get; }
    DbSet<Teacher> Teachers { get; }
    DbSet<SchoolClass> Classes { get; }
    DbSet<Student> Students { get; }
    /// <summary>Read only: entries are written by the unit of work from domain events, never by a use case.</summary>
    IQueryable<AuditEntry> AuditEntries { get; }
    DbSet<MentorGroup> MentorGroups { get; }
    DbSet<MentorAssignment> MentorAssignments { get; }
    DbSet<MentorLoad> MentorLoads { get; }
    DbSet<StudentArchive> StudentArchives { get; }
    /// <summary>Versions are added through <see cref="StudentArchive"/>; the set serves history queries and re-sealing.</summary>
    DbSet<ArchiveEntry> ArchiveEntries { get; }
    DbSet<MonthlyReport> MonthlyReports { get; }
    DbSet<MentorEvaluation> MentorEvaluations { get; }
    /// <summary>Deleted activities are filtered out (the "live" filter), as are their students and follow-ups.</summary>
    DbSet<GuidanceActivity> GuidanceActivities { get; }
    /// <summary>One row per activity and student it covers; <c>Activity</c> reaches its semester and kind.</summary>
    DbSet<ActivityStudent> ActivityStudents { get; }
    DbSet<FollowUpAction> ActivityFollowUps { get; }
    /// <summary>Written by background work through the notification store (unique key per school); use cases read and mark them read.</summary>
    DbSet<Notification> Notifications { get; }
    DbSet<WebhookSubscription> WebhookSubscriptions { get; }
    DbSet<WebhookDelivery> WebhookDeliveries { get; }
    /// <summary>Read only: attempts are logged by the webhook sender.</summary>
    IQueryable<WebhookDeliveryAttempt> WebhookDeliveryAttempts { get; }

    /// <summary>
    /// Tracks a row of the current school that was read untracked, or is known by its id only, as unchanged: what is
    /// changed on it afterwards is saved as an update of those columns, without reading the row (again). The update names
    /// the row by its id and the current school: a row of another school is not found, and the save fails (409).
    /// </summary>
    void AttachStored<TEntity>(TEntity entity) where TEntity : class, Domain.Common.ITenantOwned;
}

/// <summary>The platform catalog: districts and their schools (tenants). Not tenant-filtered.</summary>
public interface ICatalogDbContext
{
    DbSet<District> Districts { get; }
    DbSet<School> Schools { get; }
    DbSet<DistrictStatisticsSnapshot> DistrictStatistics { get; }
}

/// <summary>Commits the work of one request together with the rows its domain events call for.</summary>
public interface IUnitOfWork
{
    /// <summary>Dispatches the raised events to their in-transaction handlers, then saves everything in one go.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>For an audited read: saves the records its events call for and refuses to save any other change.</summary>
    Task SaveRecordsOnlyAsync(CancellationToken cancellationToken);
}
