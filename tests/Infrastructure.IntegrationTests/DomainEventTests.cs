using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Classes;
using MentorCloud.Domain.Common;
using MentorCloud.Domain.MentorGroups;
using MentorCloud.Domain.Semesters;
using MentorCloud.Domain.Teachers;
using MentorCloud.Infrastructure.Events;
using MentorCloud.Infrastructure.Persistence;
using MentorCloud.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// Domain events reach their handlers in the unit of work, before the save: the rows they write (audit entries,
/// outbox messages) commit with the change or not at all.
/// </summary>
public abstract class DomainEventTests<TDatabase>(TDatabase database) : DatabaseTest<TDatabase>(database), IAsyncLifetime
    where TDatabase : DatabaseFixture
{
    private ServiceProvider _services = null!;
    private readonly TenantInfo _tenant = new(Guid.CreateVersion7(), "events", "Events", Guid.CreateVersion7(), "d", null);

    public async ValueTask InitializeAsync()
    {
        _services = DatabaseFixture.Build(Database.Server, Database.ConnectionString, services =>
        {
            services.AddScoped<RecordingHandler>();
            services.AddScoped<IDomainEventHandler<MentorGroupPublished>>(sp => sp.GetRequiredService<RecordingHandler>());
            services.AddScoped<IDomainEventHandler<Echo>>(sp => sp.GetRequiredService<RecordingHandler>());
        });
        await ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private AsyncServiceScope Scope() => _services.GetRequiredService<ITenantScopeFactory>().CreateScope(_tenant);

    private static (MentorGroup Group, object[] Rows) PublishableGroup()
    {
        var teacher = new Teacher("王老师", $"T-{Guid.NewGuid():N}"[..12], []);
        var schoolClass = new SchoolClass($"一({Guid.NewGuid():N}"[..12] + ")班", 1, 2026, teacher.Id);
        var semester = new Semester("第一学期", new DateRange(new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 31)));
        var group = new MentorGroup(schoolClass.Id, semester.Id, [teacher.Id], DateTimeOffset.UtcNow);
        return (group, [teacher, schoolClass, semester, group]);
    }

    private async Task SaveAsync(object[] rows)
    {
        await using var scope = Scope();
        scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().AddRange(rows);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
    }

    private async Task<(int Audit, int Outbox)> CommittedRecordsAsync(Guid groupId)
    {
        await using var check = Scope();
        var db = check.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return (await db.AuditEntries.CountAsync(a => a.SubjectId == groupId, Ct),
            await db.OutboxMessages.CountAsync(m => m.Payload.Contains(groupId.ToString()), Ct));
    }

    [Fact]
    public async Task Events_are_handled_before_the_save_and_their_rows_commit_with_the_change_once()
    {
        var (group, rows) = PublishableGroup();
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.AddRange(rows);
        group.Publish([], DateTimeOffset.UtcNow);
        var handler = scope.ServiceProvider.GetRequiredService<RecordingHandler>();
        handler.OnHandle = async () => handler.SeenCommitted = await CountCommittedAsync(group.Id);

        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);

        handler.Received.ShouldBe([new MentorGroupPublished(group.Id, group.ClassId, group.SemesterId)]);
        handler.SeenCommitted.ShouldBe(0);
        group.DomainEvents.ShouldBeEmpty();
        (await CommittedRecordsAsync(group.Id)).ShouldBe((1, 1));

        async Task<int> CountCommittedAsync(Guid id)
        {
            await using var check = Scope();
            return await check.ServiceProvider.GetRequiredService<ApplicationDbContext>().MentorGroups.CountAsync(g => g.Id == id, Ct);
        }
    }

    [Fact]
    public async Task A_failed_save_leaves_no_audit_entry_and_no_outbox_message()
    {
        var (group, rows) = PublishableGroup();
        await SaveAsync(rows);

        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var stored = await db.MentorGroups.Include(g => g.AllAssignments).SingleAsync(g => g.Id == group.Id, Ct);
        stored.Publish([], DateTimeOffset.UtcNow);
        // A second group for the same class and semester breaks a unique index, so the whole save fails.
        db.MentorGroups.Add(new MentorGroup(group.ClassId, group.SemesterId, [], DateTimeOffset.UtcNow));

        await Should.ThrowAsync<ConflictException>(() => scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));

        (await CommittedRecordsAsync(group.Id)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Events_raised_by_handlers_are_dispatched_in_the_same_unit_of_work_up_to_a_depth_limit()
    {
        await using var scope = Scope();
        var handler = scope.ServiceProvider.GetRequiredService<RecordingHandler>();
        var events = scope.ServiceProvider.GetRequiredService<IDomainEventQueue>();

        handler.EchoesLeft = 2;
        events.Raise(new Echo(0));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        handler.Echoes.ShouldBe([0, 1, 2]);

        handler.EchoesLeft = int.MaxValue;
        events.Raise(new Echo(0));
        var ex = await Should.ThrowAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
        ex.Message.ShouldContain(nameof(Echo));
        handler.Echoes.Count.ShouldBe(3 + UnitOfWork.MaxDispatchRounds);
    }

    [Fact]
    public async Task An_audited_read_commits_its_records_and_refuses_to_save_anything_else()
    {
        var (group, rows) = PublishableGroup();
        await SaveAsync(rows);

        await using (var read = Scope())
        {
            var db = read.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var loaded = await db.MentorGroups.SingleAsync(g => g.Id == group.Id, Ct);
            read.ServiceProvider.GetRequiredService<IDomainEventQueue>().Raise(new MentorGroupPublished(loaded.Id, loaded.ClassId, loaded.SemesterId));
            await read.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveRecordsOnlyAsync(Ct);
        }
        (await CommittedRecordsAsync(group.Id)).ShouldBe((1, 1));

        await using var write = Scope();
        var context = write.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var tracked = await context.MentorGroups.SingleAsync(g => g.Id == group.Id, Ct);
        tracked.OpenSelection(new DateOnly(2099, 1, 1), new DateOnly(2026, 9, 1));
        await Should.ThrowAsync<InvalidOperationException>(() => write.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveRecordsOnlyAsync(Ct));
        await using var check = Scope();
        (await check.ServiceProvider.GetRequiredService<ApplicationDbContext>().MentorGroups.SingleAsync(g => g.Id == group.Id, Ct)).Phase.ShouldBe(MentorGroupPhase.Draft);
    }

    internal sealed record Echo(int Generation) : DomainEvent<Echo>;

    private sealed class RecordingHandler(IDomainEventQueue queue) : IDomainEventHandler<MentorGroupPublished>, IDomainEventHandler<Echo>
    {
        public List<MentorGroupPublished> Received { get; } = [];
        public List<int> Echoes { get; } = [];
        public int EchoesLeft { get; set; }
        public int SeenCommitted { get; set; } = -1;
        public Func<Task>? OnHandle { get; set; }

        public async ValueTask Handle(MentorGroupPublished domainEvent, CancellationToken cancellationToken)
        {
            Received.Add(domainEvent);
            if (OnHandle is not null) await OnHandle();
        }

        public ValueTask Handle(Echo domainEvent, CancellationToken cancellationToken)
        {
            Echoes.Add(domainEvent.Generation);
            if (EchoesLeft-- > 0) queue.Raise(new Echo(domainEvent.Generation + 1));
            return ValueTask.CompletedTask;
        }
    }
}

public sealed class DomainEventTestsOnSqlite(SqliteDatabase database) : DomainEventTests<SqliteDatabase>(database);

public sealed class DomainEventTestsOnPostgres(PostgresDatabase database) : DomainEventTests<PostgresDatabase>(database);
