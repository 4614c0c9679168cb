using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentorCloud.Infrastructure.Identity;

/// <summary>
/// Whether the account a token names may still use it (R16). Every authenticated request asks, so answers are kept
/// per account for <c>Auth:AccountCheckInterval</c>: a deactivation reaches every replica within that interval,
/// and the catalog is asked at most once per account and interval on each replica. The catalog context is only made
/// when the catalog is asked: most requests are answered from the cache and need none.
/// </summary>
public sealed class ActiveAccounts(IServiceProvider services, IMemoryCache cache, IOptions<AccountCheckOptions> options, TimeProvider clock)
{
    /// <summary>What the catalog said, and when; <see cref="IsActive"/> is null when there is no such account.</summary>
    private sealed record Answer(bool? IsActive, DateTimeOffset AskedAt);

    /// <summary>True or false for a local account; null when no local account has this id.</summary>
    public async Task<bool?> IsActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var interval = options.Value.AccountCheckInterval;
        var now = clock.GetUtcNow();
        // The time is checked against the injected clock too, so the interval holds whatever clock the cache runs on.
        if (cache.TryGetValue(Key(userId), out Answer? kept) && kept is not null && now - kept.AskedAt < interval)
            return kept.IsActive;

        var catalog = services.GetRequiredService<CatalogDbContext>();
        var isActive = await catalog.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (bool?)u.IsActive).SingleOrDefaultAsync(cancellationToken);
        if (interval > TimeSpan.Zero) cache.Set(Key(userId), new Answer(isActive, now), interval);
        return isActive;
    }

    /// <summary>Drops what this process keeps about the account, so its next request asks the catalog.</summary>
    public void Forget(Guid userId) => cache.Remove(Key(userId));

    private static string Key(Guid userId) => $"account-active:{userId}";
}
