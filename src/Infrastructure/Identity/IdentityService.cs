using System.Security.Claims;
using MentorCloud.Application.Common.Exceptions;
using MentorCloud.Application.Common.Interfaces;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorCloud.Infrastructure.Identity;

public sealed class IdentityService(
    CatalogDbContext catalog,
    IPasswordHasher<UserAccount> hasher,
    SigningKeyProvider signingKey,
    IOptions<JwtOptions> jwt,
    IOptions<SignInLockoutOptions> lockout,
    TimeProvider clock) : IIdentityService
{
    // GET /me on every page load of a front end: compiled once, so a request skips the query's translation-cache lookup.
    private static readonly CompiledQuery<Func<CatalogDbContext, Guid, CancellationToken, Task<UserProfile?>>> ProfileById = new(() => EF.CompileAsyncQuery(
        (CatalogDbContext c, Guid userId, CancellationToken _) => c.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserProfile(u.Id, u.Username, u.DisplayName, u.Roles, u.DistrictCode, u.SchoolCode, u.TeacherId, u.StudentId))
            .SingleOrDefault()));

    // Verified against when the user is unknown, so a miss costs as long as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(null!, "not-a-password-0"));

    public Task<bool> UsernameExistsAsync(string username, CancellationToken cancellationToken)
    {
        var normalized = UserAccount.Normalize(username);
        return catalog.Users.AnyAsync(u => u.NormalizedUsername == normalized, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> TakenUsernamesAsync(IReadOnlyCollection<string> usernames, CancellationToken cancellationToken)
    {
        var asked = usernames.GroupBy(UserAccount.Normalize, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var normalized = asked.Keys.ToList();
        var taken = await catalog.Users.AsNoTracking()
            .Where(u => EF.Parameter(normalized).Contains(u.NormalizedUsername))
            .Select(u => u.NormalizedUsername)
            .ToListAsync(cancellationToken);
        return taken.SelectMany(n => asked[n]).ToHashSet(StringComparer.Ordinal);
    }

    public Guid CreateUser(NewUser user)
    {
        var account = new UserAccount(user.Username.Trim(), user.DisplayName.Trim(), user.Roles, clock.GetUtcNow())
        {
            DistrictCode = user.DistrictCode,
            SchoolCode = user.SchoolCode,
            TeacherId = user.TeacherId,
            StudentId = user.StudentId,
        };
        account.SetPasswordHash(hasher.HashPassword(account, user.Password));
        catalog.Users.Add(account);
        return account.Id;
    }

    public async Task<AccessToken> IssueTokenAsync(string username, string password, string clientAddress, CancellationToken cancellationToken)
    {
        if (signingKey.Key is null)
            throw new NotFoundException("Token endpoint", "local issuing is off: tokens come from Jwt:Authority");

        var normalized = UserAccount.Normalize(username);
        var now = clock.GetUtcNow();
        var failures = catalog.SignInFailures.Where(f => f.NormalizedUsername == normalized && f.ClientAddress == clientAddress);
        if (await failures.AnyAsync(f => f.LockoutEnd > now, cancellationToken)) throw new AuthenticationFailedException(lockedOut: true);

        var account = await catalog.Users.SingleOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        // An unknown user costs a hash check and counts towards lockout too, so neither time nor lockout tells who exists.
        var verdict = hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DummyHash.Value, password);
        if (account is null || verdict == PasswordVerificationResult.Failed || !account.IsActive)
            throw new AuthenticationFailedException(await RecordFailureAsync(normalized, clientAddress, now, cancellationToken));

        await failures.ExecuteDeleteAsync(cancellationToken);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.SetPasswordHash(hasher.HashPassword(account, password));
            await catalog.SaveChangesAsync(cancellationToken);
        }
        return CreateToken(account, now);
    }

    /// <summary>Counts one failure of this username from this address in single statements; true when the address is now locked out.</summary>
    private async Task<bool> RecordFailureAsync(string normalized, string clientAddress, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (maxFailures, duration) = (lockout.Value.MaxFailedAttempts, lockout.Value.Duration);
        var row = catalog.SignInFailures.Where(f => f.NormalizedUsername == normalized && f.ClientAddress == clientAddress);

        // A lockout that has ended starts a new count.
        await row.Where(f => f.LockoutEnd <= now).ExecuteUpdateAsync(s => s.SetProperty(f => f.FailedCount, 0).SetProperty(f => f.LockoutEnd, (DateTimeOffset?)null), cancellationToken);
        while (await row.ExecuteUpdateAsync(s => s.SetProperty(f => f.FailedCount, f => f.FailedCount + 1).SetProperty(f => f.LastFailureAt, now), cancellationToken) == 0)
        {
            var first = catalog.SignInFailures.Add(new SignInFailures(normalized, clientAddress, now));
            try
            {
                await catalog.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException ex) when (UnitOfWork.IsUniqueViolation(ex))
            {
                // A parallel attempt created the row first: count on it.
                first.State = EntityState.Detached;
            }
        }
        await row.Where(f => f.LockoutEnd == null && f.FailedCount >= maxFailures)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LockoutEnd, now + duration), cancellationToken);
        return await row.AnyAsync(f => f.LockoutEnd > now, cancellationToken);
    }

    public Task<UserProfile?> FindProfileAsync(Guid userId, CancellationToken cancellationToken) => ProfileById.For(catalog)(catalog, userId, cancellationToken);

    public async Task DeactivateLinkedAccountAsync(Guid? teacherId, Guid? studentId, CancellationToken cancellationToken)
    {
        if (teacherId is null && studentId is null) return;
        var accounts = await catalog.Users
            .Where(u => (teacherId != null && u.TeacherId == teacherId) || (studentId != null && u.StudentId == studentId))
            .ToListAsync(cancellationToken);
        accounts.ForEach(a => a.Deactivate());
    }

    private AccessToken CreateToken(UserAccount account, DateTimeOffset now)
    {
        var options = jwt.Value;
        var claims = new List<Claim>
        {
            new(MentorCloudClaims.Subject, account.Id.ToString()),
            new(MentorCloudClaims.Username, account.Username),
            new(MentorCloudClaims.DisplayName, account.DisplayName),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(MentorCloudClaims.Role, r)));
        if (account.DistrictCode is not null) claims.Add(new(MentorCloudClaims.District, account.DistrictCode));
        if (account.SchoolCode is not null) claims.Add(new(MentorCloudClaims.School, account.SchoolCode));
        if (account.TeacherId is not null) claims.Add(new(MentorCloudClaims.TeacherId, account.TeacherId.Value.ToString()));
        if (account.StudentId is not null) claims.Add(new(MentorCloudClaims.StudentId, account.StudentId.Value.ToString()));

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + options.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, options.AccessTokenLifetime);
    }
}
