using System.Security.Claims;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Infrastructure.Identity;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorCloud.Infrastructure.IntegrationTests;

/// <summary>
/// Whether a token's account is still active (R16) is asked of the catalog at most once per account and
/// <c>Auth:AccountCheckInterval</c>; the clock is moved by hand.
/// </summary>
public abstract class AccountCheckTests<TDatabase> : DatabaseTest<TDatabase>, IAsyncDisposable where TDatabase : DatabaseFixture
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(40);
    private const string LocalIssuer = "mentorcloud";
    private const string ExternalIssuer = "https://login.example.edu.cn/realms/district";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2031, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    protected AccountCheckTests(TDatabase database) : base(database)
    {
        _services = DatabaseFixture.Build(database.Server, database.ConnectionString, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.Configure<AccountCheckOptions>(o => o.AccountCheckInterval = Interval);
        });
    }

    private async Task<Guid> CreateUserAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var id = scope.ServiceProvider.GetRequiredService<IIdentityService>()
            .CreateUser(new NewUser($"u{Guid.NewGuid():N}"[..16], "Correct-horse-42", "Teacher", ["teacher"]));
        await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().SaveChangesAsync(Ct);
        return id;
    }

    /// <summary>Closes the login in the catalog only, as another replica would: this process's kept answers stay.</summary>
    private async Task DeactivateInCatalogAsync(Guid userId)
    {
        await using var scope = _services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        (await catalog.Users.SingleAsync(u => u.Id == userId, Ct)).Deactivate();
        await catalog.SaveChangesAsync(Ct);
    }

    private async Task<bool?> IsActiveAsync(Guid userId)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ActiveAccounts>().IsActiveAsync(userId, Ct);
    }

    [Fact]
    public async Task The_answer_is_kept_for_the_interval_and_asked_again_after_it()
    {
        var userId = await CreateUserAsync();
        (await IsActiveAsync(userId)).ShouldBe(true);
        await DeactivateInCatalogAsync(userId);

        _clock.Advance(Interval - TimeSpan.FromSeconds(1));
        (await IsActiveAsync(userId)).ShouldBe(true, "asked within the interval, the kept answer serves: the catalog is not asked");

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await IsActiveAsync(userId)).ShouldBe(false);
    }

    [Fact]
    public async Task A_forgotten_account_is_asked_again_at_once()
    {
        var userId = await CreateUserAsync();
        (await IsActiveAsync(userId)).ShouldBe(true);
        await DeactivateInCatalogAsync(userId);

        await using (var scope = _services.CreateAsyncScope())
            scope.ServiceProvider.GetRequiredService<ActiveAccounts>().Forget(userId);

        (await IsActiveAsync(userId)).ShouldBe(false);
    }

    [Fact]
    public async Task An_unknown_account_is_no_local_account()
    {
        (await IsActiveAsync(Guid.NewGuid())).ShouldBeNull();
    }

    /// <summary>Runs the token check on a token of <paramref name="issuer"/> naming <paramref name="subject"/>; true when it passes.</summary>
    private async Task<bool> TokenPassesAsync(string issuer, string subject)
    {
        await using var scope = _services.CreateAsyncScope();
        var token = new JsonWebToken(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Issuer = issuer,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
        }));
        var context = new TokenValidatedContext(new DefaultHttpContext { RequestServices = scope.ServiceProvider },
            new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler)), new JwtBearerOptions())
        {
            Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject)], "Bearer")),
            SecurityToken = token,
        };
        await scope.ServiceProvider.GetRequiredService<AccountCheckingJwtBearerEvents>().TokenValidated(context);
        return context.Result is null;
    }

    [Fact]
    public async Task A_local_token_passes_only_for_an_active_local_account()
    {
        var userId = await CreateUserAsync();
        (await TokenPassesAsync(LocalIssuer, userId.ToString())).ShouldBeTrue();
        (await TokenPassesAsync(LocalIssuer, Guid.NewGuid().ToString())).ShouldBeFalse();
        (await TokenPassesAsync(LocalIssuer, "not-an-account-id")).ShouldBeFalse();

        await DeactivateInCatalogAsync(userId);
        _clock.Advance(Interval);
        (await TokenPassesAsync(LocalIssuer, userId.ToString())).ShouldBeFalse();
    }

    [Fact]
    public async Task An_external_token_is_checked_only_when_it_names_a_local_account()
    {
        (await TokenPassesAsync(ExternalIssuer, "d7c1f0e2-user-at-the-district-idp")).ShouldBeTrue();
        (await TokenPassesAsync(ExternalIssuer, Guid.NewGuid().ToString())).ShouldBeTrue();

        var userId = await CreateUserAsync();
        await DeactivateInCatalogAsync(userId);
        (await TokenPassesAsync(ExternalIssuer, userId.ToString())).ShouldBeFalse();
    }

    [Theory]
    [InlineData("00:01:01")]
    [InlineData("-00:00:01")]
    public async Task The_interval_never_exceeds_a_minute(string interval)
    {
        await using var services = DatabaseFixture.Build(Database.Server, Database.ConnectionString,
            s => s.Configure<AccountCheckOptions>(o => o.AccountCheckInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<AccountCheckOptions>>().Value);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class AccountCheckTestsOnSqlite(SqliteDatabase database) : AccountCheckTests<SqliteDatabase>(database);

public sealed class AccountCheckTestsOnPostgres(PostgresDatabase database) : AccountCheckTests<PostgresDatabase>(database);
