using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>Domain events reach their handlers only after the transaction that raised them has committed.</summary>
public sealed class DomainEventTests : IAsyncLifetime
{
    private readonly ServiceProvider _services = DatabaseFixture.Build(SqliteTestServer.Instance, SqliteTestServer.Instance.NewDatabase(), services =>
        services.AddScoped<IDomainEventHandler<MentorGroupPublished>, RecordingHandler>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.MigrateAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Database.MigrateAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Events_are_dispatched_after_commit_and_only_once()
    {
        var tenant = new TenantInfo(Guid.CreateVersion7(), "events", "Events", Guid.CreateVersion7(), "d", null);
        await using var scope = _services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var teacher = new Teacher("王老师", "T-1", []);
        var schoolClass = new SchoolClass("一(1)班", 1, 2026, teacher.Id);
        var semester = new Semester("第一学期", new DateRange(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 31)));
        var group = new MentorGroup(schoolClass.Id, semester.Id, [teacher.Id], DateTimeOffset.UtcNow);
        db.AddRange(teacher, schoolClass, semester, group);
        group.Publish([], DateTimeOffset.UtcNow);
        var handler = (RecordingHandler)scope.ServiceProvider.GetRequiredService<IDomainEventHandler<MentorGroupPublished>>();
        handler.OnHandle = async () => handler.SeenCommitted = await CountCommittedAsync(group.Id);

        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);

        handler.Received.ShouldBe([new MentorGroupPublished(group.Id, schoolClass.Id, semester.Id)]);
        handler.SeenCommitted.ShouldBe(1);
        group.DomainEvents.ShouldBeEmpty();

        async Task<int> CountCommittedAsync(Guid id)
        {
            await using var check = _services.GetRequiredService<ITenantScopeFactory>().CreateScope(tenant);
            return await check.ServiceProvider.GetRequiredService<ApplicationDbContext>().MentorGroups.CountAsync(g => g.Id == id && g.Phase == MentorGroupPhase.Published, Ct);
        }
    }

    private sealed class RecordingHandler : IDomainEventHandler<MentorGroupPublished>
    {
        public List<MentorGroupPublished> Received { get; } = [];
        public int SeenCommitted { get; set; } = -1;
        public Func<Task>? OnHandle { get; set; }

        public async ValueTask Handle(MentorGroupPublished domainEvent, CancellationToken cancellationToken)
        {
            Received.Add(domainEvent);
            if (OnHandle is not null) await OnHandle();
        }
    }
}
