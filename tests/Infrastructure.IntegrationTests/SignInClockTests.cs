using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Infrastructure.Identity;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>Lockout and token lifetime follow the injected clock, moved by hand here.</summary>
public abstract class SignInClockTests<TDatabase> : DatabaseTest<TDatabase>, IAsyncDisposable where TDatabase : DatabaseFixture
{
    private const string Password = "Correct-horse-42";
    private static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(20);

    // Far from the real date, so a lapse to the system clock shows.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2031, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    protected SignInClockTests(TDatabase database) : base(database)
    {
        _services = DatabaseFixture.Build(database.Server, database.ConnectionString, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.Configure<SignInLockoutOptions>(o =>
            {
                o.MaxFailedAttempts = 3;
                o.Duration = LockoutDuration;
            });
            services.Configure<JwtOptions>(o => o.AccessTokenLifetime = TokenLifetime);
        });
    }

    private async Task<string> CreateUserAsync()
    {
        var username = $"u{Guid.NewGuid():N}"[..16];
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIdentityService>().CreateUser(new NewUser(username, Password, "Teacher", ["teacher"]));
        await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().SaveChangesAsync(Ct);
        return username;
    }

    private const string AddressA = "198.51.100.7";
    private const string AddressB = "203.0.113.9";

    private async Task<AccessToken> SignInAsync(string username, string password, string address = AddressA)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IIdentityService>().IssueTokenAsync(username, password, address, Ct);
    }

    private async Task<bool> IsLockedOutAsync(string username, string address = AddressA) =>
        (await Should.ThrowAsync<AuthenticationFailedException>(() => SignInAsync(username, Password, address))).LockedOut;

    private async Task LockOutAsync(string username, string address = AddressA)
    {
        (await Should.ThrowAsync<AuthenticationFailedException>(() => SignInAsync(username, "wrong-1", address))).LockedOut.ShouldBeFalse();
        (await Should.ThrowAsync<AuthenticationFailedException>(() => SignInAsync(username, "wrong-2", address))).LockedOut.ShouldBeFalse();
        (await Should.ThrowAsync<AuthenticationFailedException>(() => SignInAsync(username, "wrong-3", address))).LockedOut.ShouldBeTrue();
    }

    [Fact]
    public async Task A_lockout_bars_only_the_address_it_came_from_until_it_ends()
    {
        var username = await CreateUserAsync();
        await LockOutAsync(username, AddressA);

        (await SignInAsync(username, Password, AddressB)).Token.ShouldNotBeNullOrEmpty();
        (await IsLockedOutAsync(username, AddressA)).ShouldBeTrue();
        _clock.Advance(LockoutDuration);
        (await SignInAsync(username, Password, AddressA)).Token.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_unknown_username_locks_out_like_a_known_one_so_lockout_tells_nobody_who_exists()
    {
        var unknown = $"n{Guid.NewGuid():N}"[..16];
        await LockOutAsync(unknown);
        (await IsLockedOutAsync(unknown)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_locked_account_stays_locked_until_the_lockout_duration_has_passed()
    {
        var username = await CreateUserAsync();
        await LockOutAsync(username);

        (await IsLockedOutAsync(username)).ShouldBeTrue();
        _clock.Advance(LockoutDuration - TimeSpan.FromSeconds(1));
        (await IsLockedOutAsync(username)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_locked_account_signs_in_with_the_right_password_once_the_lockout_has_ended()
    {
        var username = await CreateUserAsync();
        await LockOutAsync(username);

        _clock.Advance(LockoutDuration);

        (await SignInAsync(username, Password)).Token.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Failed_sign_ins_after_the_lockout_start_a_new_count()
    {
        var username = await CreateUserAsync();
        await LockOutAsync(username);
        _clock.Advance(LockoutDuration + TimeSpan.FromMinutes(1));

        await LockOutAsync(username);
        _clock.Advance(LockoutDuration - TimeSpan.FromSeconds(1));
        (await IsLockedOutAsync(username)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_token_is_issued_now_and_expires_after_the_configured_lifetime()
    {
        var username = await CreateUserAsync();
        _clock.Advance(TimeSpan.FromDays(3));
        var now = _clock.GetUtcNow();

        var issued = await SignInAsync(username, Password);

        issued.ExpiresIn.ShouldBe(TokenLifetime);
        var token = new JsonWebToken(issued.Token);
        token.IssuedAt.ShouldBe(now.UtcDateTime, TimeSpan.FromSeconds(1));
        token.ValidFrom.ShouldBe(now.UtcDateTime, TimeSpan.FromSeconds(1));
        token.ValidTo.ShouldBe((now + TokenLifetime).UtcDateTime, TimeSpan.FromSeconds(1));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SignInClockTestsOnSqlite(SqliteDatabase database) : SignInClockTests<SqliteDatabase>(database);

public sealed class SignInClockTestsOnPostgres(PostgresDatabase database) : SignInClockTests<PostgresDatabase>(database);
