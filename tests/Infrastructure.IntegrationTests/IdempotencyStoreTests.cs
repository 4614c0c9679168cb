using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Application.Common.Tenancy;
using MentorCloud.Domain.Common;
using MentorCloud.Infrastructure.Idempotency;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MentorCloud.Infrastructure.IntegrationTests;

public abstract class IdempotencyStoreTests<TDatabase> : DatabaseTest<TDatabase>, IAsyncDisposable where TDatabase : DatabaseFixture
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2031, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;
    private readonly TenantInfo _school = new(Guid.CreateVersion7(), "idem", "Idempotent", Guid.CreateVersion7(), "d", null);
    private readonly string _key = $"key-{Guid.NewGuid():N}";

    protected IdempotencyStoreTests(TDatabase database) : base(database)
    {
        _services = DatabaseFixture.Build(database.Server, database.ConnectionString, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.Configure<IdempotencyOptions>(o => o.Lease = Lease);
        });
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private AsyncServiceScope School() => _services.GetRequiredService<ITenantScopeFactory>().CreateScope(_school);

    private async Task<IdempotencyReservation> ReserveAsync(string hash = "body-1", string? key = null)
    {
        await using var scope = School();
        return await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().ReserveAsync(key ?? _key, "CreateThing", hash, Ct);
    }

    /// <summary>What the unit of work does: the answer is saved with the request's other changes.</summary>
    private async Task CompleteAsync(Guid reservation, string response, bool commit = true)
    {
        await using var scope = School();
        await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().CompleteAsync(reservation, response, Ct);
        if (commit) await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().SaveChangesAsync(Ct);
    }

    private async Task<int> RowsAsync()
    {
        await using var scope = School();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().IdempotencyRequests.CountAsync(r => r.Key == _key, Ct);
    }

    [Fact]
    public async Task A_retry_with_the_same_body_gets_the_stored_answer()
    {
        var first = await ReserveAsync();
        first.StoredResponse.ShouldBeNull();
        await CompleteAsync(first.Id, """{"id":"42"}""");

        var retry = await ReserveAsync();
        retry.Id.ShouldBe(first.Id);
        retry.StoredResponse.ShouldBe("""{"id":"42"}""");
        (await RowsAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_request_reserves_and_completes_its_key_through_its_own_context()
    {
        await using (var scope = School())
        {
            var store = scope.ServiceProvider.GetRequiredService<IIdempotencyStore>();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var reservation = await store.ReserveAsync(_key, "CreateThing", "body-1", Ct);

            db.ChangeTracker.Entries().ShouldBeEmpty(); // saved and forgotten: the command starts from a clean context
            (await RowsAsync()).ShouldBe(1);           // and visible to a parallel retry before the command commits

            await store.CompleteAsync(reservation.Id, """{"id":"9"}""", Ct);
            await db.SaveChangesAsync(Ct);
        }

        (await ReserveAsync()).StoredResponse.ShouldBe("""{"id":"9"}""");
    }

    [Fact]
    public async Task A_retry_refused_while_the_first_runs_leaves_its_context_clean()
    {
        await ReserveAsync();

        await using var scope = School();
        await Should.ThrowAsync<RequestInProgressException>(() =>
            scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().ReserveAsync(_key, "CreateThing", "body-1", Ct).AsTask());
        scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().ChangeTracker.Entries().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_key_is_not_reserved_once_the_command_has_changed_something()
    {
        await using (var scope = School())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.IdempotencyRequests.Add(new IdempotencyRequest(Guid.CreateVersion7(), $"other-{Guid.NewGuid():N}", "CreateThing", "x", _clock.GetUtcNow(), _clock.GetUtcNow()));

            await Should.ThrowAsync<InvalidOperationException>(() =>
                scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().ReserveAsync(_key, "CreateThing", "body-1", Ct).AsTask());
        }

        (await RowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_under_R10_while_running_and_after()
    {
        var first = await ReserveAsync();
        (await Should.ThrowAsync<RuleViolationException>(() => ReserveAsync(hash: "body-2"))).Rule.ShouldBe("R10");

        await CompleteAsync(first.Id, "{}");
        (await Should.ThrowAsync<RuleViolationException>(() => ReserveAsync(hash: "body-2"))).Rule.ShouldBe("R10");
    }

    [Fact]
    public async Task A_retry_while_the_first_runs_is_told_to_come_back_when_its_lease_ends()
    {
        await ReserveAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));

        var refused = await Should.ThrowAsync<RequestInProgressException>(() => ReserveAsync());
        refused.RetryAfter.ShouldBe(Lease - TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_answer_that_was_never_committed_lets_a_retry_take_the_key_over_after_the_lease()
    {
        var first = await ReserveAsync();
        await CompleteAsync(first.Id, "{}", commit: false); // the process died before its transaction committed

        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var retry = await ReserveAsync();

        retry.Id.ShouldBe(first.Id);
        retry.StoredResponse.ShouldBeNull();
        await Should.ThrowAsync<RequestInProgressException>(() => ReserveAsync()); // the new holder has a fresh lease
    }

    [Fact]
    public async Task Completing_writes_the_answer_and_its_time_and_keeps_what_the_reservation_holds()
    {
        var first = await ReserveAsync();
        _clock.Advance(TimeSpan.FromSeconds(5));
        await CompleteAsync(first.Id, """{"id":"7"}""");

        await using var scope = School();
        var row = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().IdempotencyRequests.AsNoTracking().SingleAsync(r => r.Id == first.Id, Ct);
        row.Response.ShouldBe("""{"id":"7"}""");
        row.CompletedAt.ShouldBe(_clock.GetUtcNow());
        row.Key.ShouldBe(_key);
        row.RequestName.ShouldBe("CreateThing");
        row.IsFor("CreateThing", "body-1").ShouldBeTrue();
        row.CreatedAt.ShouldBe(_clock.GetUtcNow() - TimeSpan.FromSeconds(5));
        row.LeaseUntil.ShouldBe(row.CreatedAt + Lease);
    }

    [Fact]
    public async Task Completing_a_reservation_that_is_gone_fails_the_save()
    {
        var first = await ReserveAsync();
        await using (var scope = School())
            await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().ReleaseAsync(first.Id, Ct);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => CompleteAsync(first.Id, "{}"));
        (await RowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Completing_another_schools_reservation_by_its_id_fails_the_save_and_changes_nothing()
    {
        var first = await ReserveAsync();
        var other = new TenantInfo(Guid.CreateVersion7(), "idem-c", "Other", Guid.CreateVersion7(), "d", null);

        await using (var scope = _services.GetRequiredService<ITenantScopeFactory>().CreateScope(other))
        {
            await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().CompleteAsync(first.Id, """{"id":"forged"}""", Ct);
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().SaveChangesAsync(Ct));
        }

        await using var owner = School();
        var row = await owner.ServiceProvider.GetRequiredService<ApplicationDbContext>().IdempotencyRequests.AsNoTracking().SingleAsync(r => r.Id == first.Id, Ct);
        row.Response.ShouldBeNull();
        row.CompletedAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_released_key_is_free_for_a_corrected_request()
    {
        var first = await ReserveAsync();
        await using (var scope = School())
            await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().ReleaseAsync(first.Id, Ct);

        var corrected = await ReserveAsync(hash: "body-2");
        corrected.StoredResponse.ShouldBeNull();
        corrected.Id.ShouldNotBe(first.Id);
        (await RowsAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_past_its_retention_starts_afresh()
    {
        var first = await ReserveAsync();
        await CompleteAsync(first.Id, "{}");
        _clock.Advance(TimeSpan.FromHours(24));

        var later = await ReserveAsync(hash: "body-2");
        later.Id.ShouldNotBe(first.Id);
        later.StoredResponse.ShouldBeNull();
        (await RowsAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Ten_parallel_first_requests_reserve_the_key_once()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            try { return (Reservation: await ReserveAsync(), Error: (Exception?)null); }
            catch (Exception ex) { return (Reservation: (IdempotencyReservation?)null, Error: ex); }
        }));

        attempts.Count(a => a.Reservation is { StoredResponse: null }).ShouldBe(1);
        attempts.Where(a => a.Error is not null).ShouldAllBe(a => a.Error is RequestInProgressException);
        (await RowsAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Keys_belong_to_one_school()
    {
        var first = await ReserveAsync();
        await CompleteAsync(first.Id, "{}");

        var other = new TenantInfo(Guid.CreateVersion7(), "idem-b", "Other", Guid.CreateVersion7(), "d", null);
        await using var scope = _services.GetRequiredService<ITenantScopeFactory>().CreateScope(other);
        var elsewhere = await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().ReserveAsync(_key, "CreateThing", "body-2", Ct);
        elsewhere.StoredResponse.ShouldBeNull();
        elsewhere.Id.ShouldNotBe(first.Id);
    }
}

public sealed class IdempotencyStoreTestsOnSqlite(SqliteDatabase database) : IdempotencyStoreTests<SqliteDatabase>(database);

public sealed class IdempotencyStoreTestsOnPostgres(PostgresDatabase database) : IdempotencyStoreTests<PostgresDatabase>(database);
