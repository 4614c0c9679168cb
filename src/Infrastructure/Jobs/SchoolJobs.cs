using Hangfire;
using Hangfire.Client;
using Hangfire.Server;
using MentorCloud.Application.Common.Security;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.Jobs;

/// <summary>The school a job runs in, by id and code only: never a connection string or any other secret (job arguments are visible on the dashboard).</summary>
public sealed record SchoolJob(Guid SchoolId, string School);

/// <summary>
/// Work done inside one school. The job server restores the school (tenant) before <see cref="RunAsync"/> runs, and acts
/// as a <see cref="SystemUser"/> named after the job; the school's data is all it sees and all it may write.
/// A recurring school job is a <see cref="SchoolFanOutJob{TJob}"/> that enqueues one of these per school.
/// </summary>
public interface ISchoolJob
{
    Task RunAsync(SchoolJob school, CancellationToken cancellationToken);
}

/// <summary>The platform-wide half of a recurring school job: one <typeparamref name="TJob"/> per school, with explicit arguments.</summary>
public abstract class SchoolFanOutJob<TJob>(SchoolFanOut fanOut) where TJob : ISchoolJob
{
    public Task<int> RunAsync(CancellationToken cancellationToken) => fanOut.EnqueueForEverySchoolAsync<TJob>(cancellationToken);
}

/// <summary>Enqueues a school job for each school whose database answers (the others are picked up by the next run).</summary>
public sealed class SchoolFanOut(CatalogDbContext catalog, IBackgroundJobClient jobs, ITenantAvailability availability)
{
    public async Task<int> EnqueueForEverySchoolAsync<TJob>(CancellationToken cancellationToken) where TJob : ISchoolJob
    {
        var schools = await catalog.Schools.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Id, s.Code }).ToListAsync(cancellationToken);
        var count = 0;
        foreach (var school in schools.Where(s => availability.IsAvailable(s.Id)))
        {
            Enqueue<TJob>(jobs, new SchoolJob(school.Id, school.Code));
            count++;
        }
        return count;
    }

    public static string Enqueue<TJob>(IBackgroundJobClient jobs, SchoolJob school) where TJob : ISchoolJob =>
        jobs.Enqueue<TJob>(job => job.RunAsync(school, CancellationToken.None));
}

/// <summary>
/// Copies the school of a school job from its <see cref="SchoolJob"/> argument into the job's parameters, and refuses to
/// create a school job without one.
/// </summary>
public sealed class SchoolJobClientFilter : IClientFilter
{
    public const string SchoolIdParameter = "SchoolId";
    public const string SchoolParameter = "School";

    public void OnCreating(CreatingContext context)
    {
        if (!IsSchoolJob(context.Job.Type)) return;
        var school = context.Job.Args.OfType<SchoolJob>().SingleOrDefault()
                     ?? throw new InvalidOperationException($"{context.Job.Type.Name} runs inside a school and needs its {nameof(SchoolJob)} argument.");
        context.SetJobParameter(SchoolIdParameter, school.SchoolId);
        context.SetJobParameter(SchoolParameter, school.School);
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public static bool IsSchoolJob(Type type) => typeof(ISchoolJob).IsAssignableFrom(type);
}

/// <summary>
/// Creates each job's service scope. A school job's scope gets its school back from the job's parameters, checked against
/// its argument, before anything is resolved; a school job that lacks or contradicts its school does not run.
/// </summary>
public sealed class SchoolJobActivator(IServiceScopeFactory scopes, ITenantScopeFactory tenantScopes) : JobActivator
{
    public override JobActivatorScope BeginScope(JobActivatorContext context)
    {
        var type = context.BackgroundJob.Job.Type;
        if (!SchoolJobClientFilter.IsSchoolJob(type)) return new Scope(scopes.CreateAsyncScope());

        var parameter = context.GetJobParameter<Guid?>(SchoolJobClientFilter.SchoolIdParameter);
        var argument = context.BackgroundJob.Job.Args.OfType<SchoolJob>().SingleOrDefault();
        if (parameter is not { } schoolId || argument is null || argument.SchoolId != schoolId)
            throw new InvalidOperationException($"Refused to run {type.Name} (job {context.BackgroundJob.Id}): its school is missing or does not match its argument.");
        return new Scope(ScopeFor(schoolId, type.Name));
    }

    private AsyncServiceScope ScopeFor(Guid schoolId, string jobName)
    {
        TenantInfo tenant;
        using (var lookup = scopes.CreateScope())
            tenant = lookup.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(schoolId, CancellationToken.None).GetAwaiter().GetResult()
                     ?? throw new InvalidOperationException($"School {schoolId} no longer exists.");
        return tenantScopes.CreateScope(tenant, new SystemUser($"job:{jobName}"));
    }

    private sealed class Scope(AsyncServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
