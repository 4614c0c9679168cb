using MentorCloud.Application.Roster;
using MentorCloud.Infrastructure.Identity;
using MentorCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MentorCloud.Infrastructure.Roster;

public sealed class RosterAccountLookup(CatalogDbContext catalog) : IRosterAccountLookup
{
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
}
